import { Island } from "../../platform/render/island.js";
import type { Video } from "../video.js";
import { FloatingPlayer } from "./FloatingPlayer.island.js";

export function PlayerIsland({ video }: { video: Video }) {
  return (
    <Island
      name="FloatingPlayer"
      component={FloatingPlayer}
      props={{
        title: video.title,
        src: video.src,
        mime: video.mime,
        poster: video.poster?.src ?? null,
        captions: video.captions,
        durationSeconds: video.durationSeconds,
        width: video.width,
        height: video.height,
      }}
    />
  );
}
