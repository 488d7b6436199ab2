import { api } from "../api.js";
import { useLoad } from "../hooks.js";
import { href } from "../router.js";
import { type VideoItem, VIDEO_STATUS_LABELS, formatDuration } from "../video/video-types.js";

/** The article's featured video, chosen from the ready videos in the library. */
export function VideoField({ videoId, onChange }: { videoId: number | null; onChange: (id: number | null) => void }) {
  const ready = useLoad(
    () => api.get<{ items: VideoItem[] }>("/videos", { status: "ready", limit: 100 }).then((r) => r.items),
    [],
  );
  // The current choice may be older than the list, or no longer ready: it stays on offer, labelled.
  const chosen = useLoad(
    () => (videoId === null ? Promise.resolve(undefined) : api.get<VideoItem>(`/videos/${videoId}`)),
    [videoId],
  );
  const options = ready.data ?? [];
  const extra = chosen.data && !options.some((v) => v.id === chosen.data!.id) ? chosen.data : undefined;
  return (
    <div class="field">
      <label for="video-id">Featured video</label>
      <select
        id="video-id"
        value={videoId === null ? "" : String(videoId)}
        aria-describedby="video-id-hint"
        onChange={(e) => onChange(e.currentTarget.value ? Number(e.currentTarget.value) : null)}
      >
        <option value="">None</option>
        {extra && (
          <option value={String(extra.id)}>
            {extra.title} ({VIDEO_STATUS_LABELS[extra.status].toLowerCase()})
          </option>
        )}
        {videoId !== null && !extra && !options.some((v) => v.id === videoId) && (
          <option value={String(videoId)}>Video {videoId}</option>
        )}
        {options.map((v) => (
          <option key={v.id} value={String(v.id)}>
            {v.title} ({formatDuration(v.durationSeconds)}
            {v.published ? "" : ", not published"})
          </option>
        ))}
      </select>
      <span class="hint" id="video-id-hint">
        {ready.error ?? chosen.error ?? (
          <>
            Ready videos from the <a href={href("/videos")}>video library</a>; an unpublished one shows once it is
            published.
          </>
        )}
      </span>
      {chosen.data?.posterUrl && <img class="video-thumb" src={chosen.data.posterUrl} alt="" width={96} height={54} />}
    </div>
  );
}
