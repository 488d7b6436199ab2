import type { Video } from "../video.js";
import { PlayerIsland } from "./PlayerIsland.js";

/**
 * A video in an article: the player in its place in the text, titled, never autoplaying; once the
 * reader starts it, it docks in the corner of a wide screen while it plays out of view.
 */
export function InlineVideo({ video }: { video: Video }) {
  // Still processing, or failed: the article reads on, with a note where the video will be.
  if (video.available === false) {
    return (
      <figure class="body-video body-video-unavailable">
        <p class="video-unavailable" role="note">
          Video unavailable
        </p>
        <figcaption>{video.title}</figcaption>
      </figure>
    );
  }
  return (
    <div class="body-video">
      <PlayerIsland video={video} hydrate="visible" />
    </div>
  );
}
