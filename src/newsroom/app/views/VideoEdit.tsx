import { useEffect, useState } from "preact/hooks";
import { api } from "../api.js";
import { ErrorNote, PageTitle, useAction, useCan, useLoad, useSession } from "../hooks.js";
import { loadSections } from "../lookups.js";
import { href, navigate } from "../router.js";
import { type VideoItem, formatDuration, isBusy } from "../video/video-types.js";
import { DeleteToTrash } from "./DeleteToTrash.js";
import { VideoState } from "./VideoLibrary.js";
import { PosterPanel } from "./VideoPoster.js";
import { CaptionsPanel } from "./VideoCaptions.js";

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

export type Saved = { video: VideoItem; onSaved: (v: VideoItem) => void };

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
