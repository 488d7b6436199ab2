import { type SiteContext, absoluteUrl } from "../../pages/site-context.js";
import { Layout } from "../../pages/views/Layout.js";
import { Pagination } from "../../pages/views/Pagination.js";
import { formatLongDate } from "../../platform/time.js";
import { tagPath } from "../../tags/tag.js";
import { type Video, formatClock, isoDuration } from "../video.js";
import type { VideoPageVideo } from "../video.queries.js";
import { PlayerIsland } from "./PlayerIsland.js";

export const VIDEO_PATH = "/video";

/** schema.org VideoObject (Google's video structured data): every URL absolute. */
export function videoJsonLd(site: SiteContext, video: Video): object {
  const page = absoluteUrl(site, video.url ?? VIDEO_PATH);
  return {
    "@context": "https://schema.org",
    "@type": "VideoObject",
    name: video.title,
    description: video.description || video.title,
    thumbnailUrl: [absoluteUrl(site, video.poster?.src ?? "/assets/logo-512.png")],
    uploadDate: new Date(video.publishedAt).toISOString(),
    duration: isoDuration(video.durationSeconds),
    contentUrl: absoluteUrl(site, video.src),
    embedUrl: page,
    url: page,
  };
}

function VideoCard({ video, site, level }: { video: Video; site: SiteContext; level: 2 | 3 }) {
  const Heading = level === 2 ? "h2" : "h3";
  return (
    <article class="video-card">
      {video.poster && (
        <img src={video.poster.src} alt="" width={video.poster.width} height={video.poster.height} loading="lazy" />
      )}
      <Heading class="video-card-title">
        <a href={video.url}>{video.title}</a>
      </Heading>
      <p class="video-card-meta">
        <span class="visually-hidden">Length </span>
        {formatClock(video.durationSeconds)} ·{" "}
        <time dateTime={video.publishedAt}>{formatLongDate(new Date(video.publishedAt), site.timeZone)}</time>
      </p>
    </article>
  );
}

export interface VideoListingData {
  site: SiteContext;
  videos: Video[];
  page: number;
  totalPages: number;
}

export function VideoListingPage({ site, videos, page, totalPages }: VideoListingData) {
  const title = page > 1 ? `Video (page ${page})` : "Video";
  return (
    <Layout
      site={site}
      meta={{
        title,
        description: `The latest videos from ${site.name}.`,
        path: page > 1 ? `${VIDEO_PATH}?page=${page}` : VIDEO_PATH,
      }}
    >
      <div class="wrap listing">
        <header class="listing-header">
          <p class="kicker">Section</p>
          <h1>{title}</h1>
          <p class="listing-description">The latest videos from {site.name}.</p>
        </header>
        {videos.length === 0 ? (
          <p class="empty">No videos here yet.</p>
        ) : (
          <div class="card-grid card-grid-wide video-grid">
            {videos.map((v) => (
              <VideoCard video={v} site={site} level={2} />
            ))}
          </div>
        )}
        <Pagination basePath={VIDEO_PATH} page={page} totalPages={totalPages} />
      </div>
    </Layout>
  );
}

export interface VideoPageData {
  site: SiteContext;
  video: VideoPageVideo;
  transcript: { start: number; text: string }[];
  related: Video[];
}

export function VideoPage({ site, video, transcript, related }: VideoPageData) {
  return (
    <Layout
      site={site}
      meta={{
        title: video.title,
        description: video.description || `A video from ${site.name}.`,
        path: video.url ?? VIDEO_PATH,
        ogType: "website",
        image: video.poster
          ? { src: video.poster.src, width: video.poster.width, height: video.poster.height, alt: video.poster.alt }
          : null,
        jsonLd: [videoJsonLd(site, video)],
      }}
    >
      <article class="wrap video-page">
        <header>
          <p class="kicker">
            <a href={VIDEO_PATH}>Video</a>
            {video.section && (
              <>
                {" · "}
                <a href={`/${video.section.slug}`}>{video.section.name}</a>
              </>
            )}
          </p>
          <h1>{video.title}</h1>
          <p class="video-meta">
            <time dateTime={video.publishedAt}>{formatLongDate(new Date(video.publishedAt), site.timeZone)}</time>
            {" · "}
            <span class="visually-hidden">Length </span>
            {formatClock(video.durationSeconds)}
          </p>
        </header>
        <PlayerIsland video={video} />
        {video.description && <p class="standfirst">{video.description}</p>}
        {video.tags.length > 0 && (
          <ul class="tags" aria-label="Topics">
            {video.tags.map((t) => (
              <li>
                <a href={tagPath(t.slug)}>{t.name}</a>
              </li>
            ))}
          </ul>
        )}
        {transcript.length > 0 && (
          <section class="transcript" aria-labelledby="transcript-heading">
            <h2 id="transcript-heading">Transcript</h2>
            {transcript.map((p) => (
              <p>
                <span class="transcript-time">{formatClock(p.start)}</span> {p.text}
              </p>
            ))}
          </section>
        )}
        {related.length > 0 && (
          <section class="related-videos" aria-labelledby="related-videos-heading">
            <h2 id="related-videos-heading">Related videos</h2>
            <div class="card-grid">
              {related.map((v) => (
                <VideoCard video={v} site={site} level={3} />
              ))}
            </div>
          </section>
        )}
      </article>
    </Layout>
  );
}
