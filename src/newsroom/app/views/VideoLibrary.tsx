import { useEffect, useRef, useState } from "preact/hooks";
import { api, describeError } from "../api.js";
import { ErrorNote, PageTitle, useLoad } from "../hooks.js";
import { formatLondon } from "../london-time.js";
import { href } from "../router.js";
import { UploadCancelled, uploadInChunks } from "../video/chunked-upload.js";
import { httpTransport } from "../video/video-api.js";
import {
  VIDEO_STATUS_LABELS,
  type VideoCapabilities,
  type VideoItem,
  type VideoStatus,
  formatBytes,
  formatDuration,
  isBusy,
} from "../video/video-types.js";

// The video library (issue 5): upload by drop or file choice in resumable chunks, each video's
// processing status with its progress (polled while anything is processing), and the reason when
// processing failed. Without ffmpeg on the server the notice says what is unavailable.

const POLL_MS = 2000;

export function VideoLibrary() {
  const [status, setStatus] = useState("");
  const [serial, setSerial] = useState(0);
  const caps = useLoad(() => api.get<VideoCapabilities>("/videos/capabilities"), []);
  const list = useLoad(
    () => api.get<{ items: VideoItem[]; next: number | null }>("/videos", { status }),
    [status, serial],
  );
  const items = list.data?.items ?? [];
  const busy = items.some(isBusy);
  useEffect(() => {
    if (!busy) return;
    const timer = setTimeout(() => setSerial((n) => n + 1), POLL_MS);
    return () => clearTimeout(timer);
  }, [busy, list.data]);
  return (
    <>
      <PageTitle title="Video">Video</PageTitle>
      {caps.data && caps.data.unavailable.length > 0 && (
        <div class="note note-warn" role="note">
          <p>
            <strong>This server has no {!caps.data.ffmpeg ? "ffmpeg" : "ffprobe"}.</strong> Unavailable:
          </p>
          <ul class="plain">
            {caps.data.unavailable.map((u) => (
              <li key={u}>{u}</li>
            ))}
          </ul>
        </div>
      )}
      <VideoUploader caps={caps.data} onUploaded={() => setSerial((n) => n + 1)} />
      <form class="filters" aria-label="Filter the videos" onSubmit={(e) => e.preventDefault()}>
        <label>
          Status
          <select value={status} onChange={(e) => setStatus(e.currentTarget.value)}>
            <option value="">Any</option>
            {(Object.keys(VIDEO_STATUS_LABELS) as VideoStatus[]).map((s) => (
              <option key={s} value={s}>
                {VIDEO_STATUS_LABELS[s]}
              </option>
            ))}
          </select>
        </label>
      </form>
      <ErrorNote error={list.error} />
      {items.length > 0 && <VideoTable items={items} />}
      {!list.loading && !list.error && items.length === 0 && <p class="empty">No videos here yet.</p>}
    </>
  );
}

function VideoTable({ items }: { items: VideoItem[] }) {
  return (
    <table class="list video-list">
      <caption class="sr-only">Videos, newest first</caption>
      <thead>
        <tr>
          <th scope="col" class="wide-only">
            Poster
          </th>
          <th scope="col">Title</th>
          <th scope="col">Status</th>
          <th scope="col" class="wide-only">
            Length
          </th>
          <th scope="col" class="wide-only">
            Uploaded
          </th>
        </tr>
      </thead>
      <tbody>
        {items.map((v) => (
          <tr key={v.id}>
            <td class="wide-only">
              {v.posterUrl ? <img class="video-thumb" src={v.posterUrl} alt="" width={96} height={54} /> : "—"}
            </td>
            <td>
              <a href={href(`/videos/${v.id}`)}>{v.title}</a>
              {v.published && <span class="status status-published tag-after">On the site</span>}
              {v.featured && <span class="status status-scheduled tag-after">Featured</span>}
            </td>
            <td>
              <VideoState video={v} />
            </td>
            <td class="wide-only">{v.durationSeconds ? formatDuration(v.durationSeconds) : "—"}</td>
            <td class="wide-only">{v.createdAt ? formatLondon(v.createdAt) : "—"}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The status, a progress bar while processing, the reason when it failed. */
export function VideoState({ video }: { video: VideoItem }) {
  return (
    <div class="video-state">
      <span class={`status video-status-${video.status}`}>{VIDEO_STATUS_LABELS[video.status]}</span>
      {isBusy(video) && (
        <label class="progress-line">
          <span class="sr-only">Processing “{video.title}”</span>
          <progress max={100} value={video.progress} />
          <span>{video.progress}%</span>
        </label>
      )}
      {video.status === "failed" && video.error && <p class="hint hint-error">{video.error}</p>}
    </div>
  );
}

interface Sending {
  name: string;
  sent: number;
  total: number;
  retry?: string;
}

function VideoUploader({ caps, onUploaded }: { caps: VideoCapabilities | undefined; onUploaded: () => void }) {
  const [file, setFile] = useState<File>();
  const [title, setTitle] = useState("");
  const [over, setOver] = useState(false);
  const [sending, setSending] = useState<Sending>();
  const [error, setError] = useState<string>();
  const [done, setDone] = useState<VideoItem>();
  const abort = useRef<AbortController>();
  const take = (files: FileList | null | undefined) => {
    const f = files?.[0];
    if (!f) return;
    setFile(f);
    setTitle(f.name.replace(/\.[a-z0-9]{1,5}$/i, ""));
    setError(undefined);
    setDone(undefined);
  };
  const upload = async (e: Event) => {
    e.preventDefault();
    if (!file || sending) return;
    const controller = (abort.current = new AbortController());
    setError(undefined);
    setSending({ name: file.name, sent: 0, total: file.size });
    try {
      const video = await uploadInChunks(file, httpTransport, {
        title: title.trim() || undefined,
        signal: controller.signal,
        onProgress: (sent, total) => setSending({ name: file.name, sent, total }),
        onRetry: (attempt, max) =>
          setSending((s) => s && { ...s, retry: `Connection lost: resuming (attempt ${attempt} of ${max})…` }),
      });
      setDone(video);
      setFile(undefined);
      setTitle("");
      onUploaded();
    } catch (err) {
      setError(err instanceof UploadCancelled ? "Upload cancelled." : describeError(err));
    } finally {
      setSending(undefined);
    }
  };
  const accept = caps?.formats.includes("webm")
    ? "video/mp4,video/webm,video/quicktime,.mp4,.webm,.mov"
    : "video/mp4,.mp4";
  return (
    <form class="uploader" onSubmit={(e) => void upload(e)} aria-label="Upload a video">
      <div
        class={`drop-zone ${over ? "over" : ""}`}
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={(e) => {
          e.preventDefault();
          setOver(false);
          take(e.dataTransfer?.files);
        }}
      >
        <p>
          {file ? `Ready: ${file.name} (${formatBytes(file.size)})` : "Drop a video here, or"}
          {caps && !file && (
            <span class="hint">
              {" "}
              ({caps.formats.map((f) => f.toUpperCase()).join(", ")}; up to {formatBytes(caps.maxBytes)})
            </span>
          )}
        </p>
        <label class="button">
          Choose a video file
          <input
            class="sr-only"
            type="file"
            accept={accept}
            disabled={!!sending}
            onChange={(e) => take(e.currentTarget.files)}
          />
        </label>
      </div>
      {file && !sending && (
        <div class="inline-form">
          <label>
            Title
            <input value={title} maxLength={200} onInput={(e) => setTitle(e.currentTarget.value)} />
          </label>
          <button type="submit" class="primary">
            Upload
          </button>
        </div>
      )}
      {sending && (
        <div class="upload-progress">
          <label class="progress-line">
            <span>Uploading {sending.name}</span>
            <progress max={sending.total || 1} value={sending.sent} />
            <span>
              {sending.total ? Math.floor((sending.sent / sending.total) * 100) : 0}% ({formatBytes(sending.sent)} of{" "}
              {formatBytes(sending.total)})
            </span>
          </label>
          {sending.retry && <p class="hint">{sending.retry}</p>}
          <button type="button" onClick={() => abort.current?.abort()}>
            Cancel upload
          </button>
        </div>
      )}
      <p role="status" class="upload-done">
        {done && (
          <>
            Uploaded “{done.title}”: {done.status === "ready" ? "ready" : "processing has started"}.{" "}
            <a href={href(`/videos/${done.id}`)}>Edit its details</a>
          </>
        )}
      </p>
      <ErrorNote error={error} />
    </form>
  );
}
