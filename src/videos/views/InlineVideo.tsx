import type { Video } from "../video.js";

/** A video embedded in an article body: the browser's own accessible controls, never autoplaying. */
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
    <figure class="body-video">
      <video
        controls
        preload="none"
        playsInline
        width={video.width || 640}
        height={video.height || 360}
        poster={video.poster?.src}
      >
        <source src={video.src} type={video.mime} />
        {video.captions.map((t) => (
          <track kind="captions" src={t.src} srcLang={t.lang} label={t.label} />
        ))}
        <a href={video.src}>Download the video: {video.title}</a>
      </video>
      <figcaption>{video.title}</figcaption>
    </figure>
  );
}
