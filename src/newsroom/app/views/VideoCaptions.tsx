import { useState } from "preact/hooks";
import { ApiError, api } from "../api.js";
import { ErrorNote, useAction } from "../hooks.js";
import type { VideoItem } from "../video/video-types.js";
import type { Saved } from "./VideoEdit.js";

interface LineError {
  line: number;
  message: string;
}

/** Captions per language; the server's line-numbered WebVTT errors are shown as a list. */
export function CaptionsPanel({ video, onSaved }: Saved) {
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
