import { useEffect, useState } from "preact/hooks";
import { ApiError, api } from "../api.js";
import { ErrorNote, PageTitle, useAction, useCan, useLoad, useSession } from "../hooks.js";
import { loadSections } from "../lookups.js";
import { href, navigate } from "../router.js";
import { type VideoItem, formatDuration, isBusy } from "../video/video-types.js";
import { DeleteToTrash } from "./DeleteToTrash.js";
import { VideoState } from "./VideoLibrary.js";

// One video: its details, the poster (a time in the video, or an uploaded image), captions per
// language (the server's line-numbered WebVTT errors shown as a list), and publishing and
// featuring for the roles allowed (video.publish); others see those controls disabled and why.

const POLL_MS = 2000;

export function VideoEdit({ id }: { id: number }) {
  const [serial, setSerial] = useState(0);
  const loaded = useLoad(() => api.get<VideoItem>(`/videos/${id}`), [id, serial]);
  const video = loaded.data;
  const can = useCan();
  useEffect(() => {
    if (!video || !isBusy(video)) return;
    const timer = setTimeout(() => setSerial((n) => n + 1), POLL_MS);
    return () => clearTimeout(timer);
  }, [video]);
  if (!video) return loaded.error ? <ErrorNote error={loaded.error} /> : <p aria-live="polite">Opening the video…</p>;
  const update = (v: VideoItem) => loaded.set(v);
  return (
    <>
      <p class="hint">
        <a href={href("/videos")}>All videos</a>
      </p>
      <PageTitle title={video.title}>{video.title}</PageTitle>
      <ErrorNote error={loaded.error} />
      <div class="video-edit">
        <div>
          <section class="panel" aria-labelledby="video-state-h">
            <h2 id="video-state-h">The video</h2>
            <VideoState video={video} />
            {video.status === "ready" && (
              <>
                <video
                  class="video-preview"
                  controls
                  preload="metadata"
                  src={video.renditions.mp4 ?? video.src}
                  poster={video.posterUrl ?? undefined}
                  aria-label={`Preview of “${video.title}”`}
                >
                  {video.captions.map((c) => (
                    <track key={c.lang} kind="captions" srclang={c.lang} label={c.label} src={c.url} />
                  ))}
                </video>
                <p class="hint">
                  {formatDuration(video.durationSeconds)}, {video.width} × {video.height}
                  {video.renditions.hlsHeights.length > 0 &&
                    `; HLS ${video.renditions.hlsHeights.map((h) => `${h}p`).join(", ")}`}
                </p>
              </>
            )}
          </section>
          <DetailsForm video={video} onSaved={update} />
        </div>
        <div>
          <PublishPanel video={video} onSaved={update} />
          <PosterPanel video={video} onSaved={update} />
          <CaptionsPanel video={video} onSaved={update} />
          {can("video.delete") && (
            <DeleteToTrash
              what="video"
              name={video.title}
              path={`/videos/${video.id}`}
              onDeleted={() => navigate("/videos")}
            />
          )}
        </div>
      </div>
    </>
  );
}

type Saved = { video: VideoItem; onSaved: (v: VideoItem) => void };

function DetailsForm({ video, onSaved }: Saved) {
  const [title, setTitle] = useState(video.title);
  const [description, setDescription] = useState(video.description);
  const [sectionId, setSectionId] = useState(video.sectionId === null ? "" : String(video.sectionId));
  const [tags, setTags] = useState(video.tags.map((t) => t.name).join(", "));
  const [saved, setSaved] = useState(false);
  const sections = useLoad(loadSections, []);
  const action = useAction();
  return (
    <form
      class="panel"
      aria-labelledby="video-details-h"
      onSubmit={(e) => {
        e.preventDefault();
        setSaved(false);
        void action.run(async () => {
          const v = await api.patch<VideoItem>(`/videos/${video.id}`, {
            title,
            description,
            sectionId: sectionId ? Number(sectionId) : null,
            tags: tags
              .split(",")
              .map((t) => t.trim())
              .filter(Boolean),
          });
          onSaved(v);
          setSaved(true);
        });
      }}
    >
      <h2 id="video-details-h">Details</h2>
      <p class="field">
        <label for="v-title">Title</label>
        <input id="v-title" required maxLength={200} value={title} onInput={(e) => setTitle(e.currentTarget.value)} />
      </p>
      <p class="field">
        <label for="v-description">Description</label>
        <textarea
          id="v-description"
          rows={4}
          maxLength={5000}
          value={description}
          onInput={(e) => setDescription(e.currentTarget.value)}
        />
      </p>
      <p class="field">
        <label for="v-section">Section</label>
        <select id="v-section" value={sectionId} onChange={(e) => setSectionId(e.currentTarget.value)}>
          <option value="">None</option>
          {sections.data?.map((s) => (
            <option key={s.id} value={String(s.id)}>
              {s.name}
            </option>
          ))}
        </select>
      </p>
      <p class="field">
        <label for="v-tags">Tags</label>
        <input
          id="v-tags"
          value={tags}
          aria-describedby="v-tags-hint"
          onInput={(e) => setTags(e.currentTarget.value)}
        />
        <span class="hint" id="v-tags-hint">
          Separated by commas; new tags are created.
        </span>
      </p>
      <ErrorNote error={action.error} />
      <button type="submit" class="primary" disabled={action.busy}>
        Save details
      </button>
      <span role="status">{saved ? " Saved." : ""}</span>
    </form>
  );
}

function PublishPanel({ video, onSaved }: Saved) {
  const can = useCan();
  const { user } = useSession();
  const action = useAction();
  const allowed = can("video.publish");
  const reason = !allowed
    ? `Your role (${user.role}) cannot publish or feature videos: a writer, an editor or an administrator can.`
    : video.status !== "ready"
      ? "A video can be published once it is ready."
      : undefined;
  const set = (patch: { published?: boolean; featured?: boolean }) =>
    void action.run(async () => onSaved(await api.patch<VideoItem>(`/videos/${video.id}`, patch)));
  return (
    <section class="panel" aria-labelledby="video-publish-h">
      <h2 id="video-publish-h">On the site</h2>
      <p>
        {video.published ? (
          <>
            Published at <a href={video.url}>{video.url}</a>
            {video.featured ? "; featured (the floating player shows it)." : "."}
          </>
        ) : (
          "Not published: only the newsroom sees it."
        )}
      </p>
      <div class="actions">
        <button
          type="button"
          class={video.published ? "" : "primary"}
          disabled={action.busy || !allowed || (!video.published && video.status !== "ready")}
          aria-describedby={reason ? "video-publish-reason" : undefined}
          onClick={() => set({ published: !video.published })}
        >
          {video.published ? "Unpublish" : "Publish"}
        </button>
        <button
          type="button"
          disabled={action.busy || !allowed}
          aria-pressed={video.featured}
          aria-describedby={!allowed ? "video-publish-reason" : undefined}
          onClick={() => set({ featured: !video.featured })}
        >
          Featured
        </button>
      </div>
      {reason && (
        <p class="hint" id="video-publish-reason">
          {reason}
        </p>
      )}
      <ErrorNote error={action.error} />
    </section>
  );
}

function PosterPanel({ video, onSaved }: Saved) {
  const [time, setTime] = useState(video.posterTime === null ? "" : String(video.posterTime));
  const [note, setNote] = useState("");
  const action = useAction();
  const max = Math.max(0, Math.floor(video.durationSeconds * 10) / 10);
  return (
    <section class="panel" aria-labelledby="video-poster-h">
      <h2 id="video-poster-h">Poster</h2>
      {video.posterUrl ? (
        <img class="video-poster" src={video.posterUrl} alt={`Poster of “${video.title}”`} />
      ) : (
        <p class="hint">No poster yet{isBusy(video) ? ": processing makes one." : "."}</p>
      )}
      <form
        class="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          setNote("");
          void action.run(async () => {
            onSaved(
              await api.patch<VideoItem>(`/videos/${video.id}`, { posterTime: time === "" ? null : Number(time) }),
            );
            setNote("A new poster frame is being made.");
          });
        }}
      >
        <label>
          Frame at (seconds)
          <input
            type="number"
            min={0}
            max={max || undefined}
            step={0.1}
            value={time}
            onInput={(e) => setTime(e.currentTarget.value)}
          />
        </label>
        <button type="submit" disabled={action.busy || video.status === "failed"}>
          Use this frame
        </button>
      </form>
      <label class="label-block" for="v-poster-file">
        Or upload an image (JPEG, PNG or WebP, up to 10 MB)
      </label>
      <input
        id="v-poster-file"
        type="file"
        accept="image/jpeg,image/png,image/webp"
        disabled={action.busy}
        onChange={(e) => {
          const file = e.currentTarget.files?.[0];
          e.currentTarget.value = "";
          if (!file) return;
          setNote("");
          void action.run(async () => {
            onSaved(await api.bytes<VideoItem>("POST", `/videos/${video.id}/poster`, file));
            setNote("Poster image uploaded.");
          });
        }}
      />
      <ErrorNote error={action.error} />
      <p role="status" class="hint">
        {note}
      </p>
    </section>
  );
}

interface LineError {
  line: number;
  message: string;
}

function CaptionsPanel({ video, onSaved }: Saved) {
  const [lang, setLang] = useState("en");
  const [label, setLabel] = useState("English");
  const [file, setFile] = useState<File>();
  const [lines, setLines] = useState<LineError[]>([]);
  const [note, setNote] = useState("");
  const action = useAction();
  const upload = (e: Event) => {
    e.preventDefault();
    if (!file) return;
    setLines([]);
    setNote("");
    void action.run(async () => {
      try {
        const body = new Blob([file], { type: "text/vtt" });
        onSaved(await api.bytes<VideoItem>("POST", `/videos/${video.id}/captions`, body, { lang, label }));
        setNote(`Captions in ${label} uploaded.`);
        setFile(undefined);
        (e.target as HTMLFormElement).reset();
      } catch (err) {
        if (err instanceof ApiError && Array.isArray(err.details)) {
          setLines(
            (err.details as Partial<LineError>[]).filter(
              (d): d is LineError => typeof d.line === "number" && typeof d.message === "string",
            ),
          );
        }
        throw err;
      }
    });
  };
  const remove = (c: VideoItem["captions"][number]) =>
    void action.run(async () => {
      await api.delete(`/videos/${video.id}/captions/${encodeURIComponent(c.lang)}`);
      onSaved(await api.get<VideoItem>(`/videos/${video.id}`));
      setNote(`Captions in ${c.label} deleted.`);
    });
  return (
    <section class="panel" aria-labelledby="video-captions-h">
      <h2 id="video-captions-h">Captions</h2>
      {video.captions.length ? (
        <ul class="plain caption-list">
          {video.captions.map((c) => (
            <li key={c.lang}>
              <a href={c.url}>
                {c.label} ({c.lang})
              </a>
              {c.cueCount !== null && <span class="hint"> {c.cueCount} cues</span>}{" "}
              <button type="button" class="small" disabled={action.busy} onClick={() => remove(c)}>
                Delete <span class="sr-only">the {c.label} captions</span>
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p class="hint">No captions yet.</p>
      )}
      <form class="inline-form" onSubmit={upload} aria-label="Upload captions">
        <label>
          Language tag
          <input
            value={lang}
            size={6}
            required
            pattern="[a-z]{2,3}(-[A-Za-z0-9]{2,8})*"
            onInput={(e) => setLang(e.currentTarget.value)}
          />
        </label>
        <label>
          Label
          <input value={label} size={12} required maxLength={60} onInput={(e) => setLabel(e.currentTarget.value)} />
        </label>
        <label>
          WebVTT file
          <input type="file" accept=".vtt,text/vtt" required onChange={(e) => setFile(e.currentTarget.files?.[0])} />
        </label>
        <button type="submit" disabled={action.busy || !file}>
          Upload captions
        </button>
      </form>
      <ErrorNote error={action.error && describeCaptionError(action.error, lines)} />
      {lines.length > 0 && (
        <ol class="plain line-errors" aria-label="Problems in the WebVTT file">
          {lines.map((l) => (
            <li key={`${l.line}:${l.message}`}>
              Line {l.line}: {l.message}
            </li>
          ))}
        </ol>
      )}
      <p role="status" class="hint">
        {note}
      </p>
    </section>
  );
}

/** With the lines listed below it, the alert says how many; the message alone names only three. */
const describeCaptionError = (message: string, lines: LineError[]) =>
  lines.length ? `The WebVTT file has ${lines.length} problem${lines.length === 1 ? "" : "s"}, listed below.` : message;
