import { type Hydrate, Island } from "../../platform/render/island.js";
import type { Video } from "../video.js";
import { FloatingPlayer } from "./FloatingPlayer.island.js";

/**
 * The player as an island, in the page where its video belongs; nothing for a video that is not
 * ready (its page says it is unavailable). Players further down a page hydrate when they come near.
 */
export function PlayerIsland({ video, hydrate }: { video: Video; hydrate?: Hydrate }) {
  if (video.available === false) return null;
  return (
    <Island
      name="FloatingPlayer"
      component={FloatingPlayer}
      {...(hydrate ? { hydrate } : {})}
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
      }}
    />
  );
}
