import { Island } from "../../platform/render/island.js";
import type { Video } from "../video.js";
import { FloatingPlayer, type FloatingPlayerProps } from "./FloatingPlayer.island.js";

/** The player as an island; nothing for a video that is not ready (its page says it is unavailable). */
export function PlayerIsland({ video, dock }: { video: Video; dock?: FloatingPlayerProps["dock"] }) {
  if (video.available === false) return null;
  return (
    <Island
      name="FloatingPlayer"
      component={FloatingPlayer}
      props={{
        title: video.title,
        src: video.src,
        mime: video.mime,
        hls: video.hls ?? null,
        poster: video.poster?.src ?? null,
        captions: video.captions,
        durationSeconds: video.durationSeconds,
        width: video.width,
        height: video.height,
        ...(dock ? { dock } : {}),
      }}
    />
  );
}
