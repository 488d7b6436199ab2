import { useState } from "preact/hooks";
import { api } from "../api.js";
import { ErrorNote, useAction } from "../hooks.js";
import { type VideoItem, isBusy } from "../video/video-types.js";
import type { Saved } from "./VideoEdit.js";

/** The poster: a time in the video, or an uploaded image. */
export function PosterPanel({ video, onSaved }: Saved) {
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
