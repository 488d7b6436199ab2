import type { Video } from "../video.js";

/** A video embedded in an article body: the browser's own accessible controls, never autoplaying. */
export function InlineVideo({ video }: { video: Video }) {
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
