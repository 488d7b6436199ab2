import path from "node:path";
import type { FastifyInstance } from "fastify";
import { h } from "preact";
import { notFound } from "../platform/errors.js";
import { pageQuery, slugParam, totalPagesFor } from "../platform/http/page-params.js";
import { parseInput } from "../platform/http/parse-input.js";
import { LocalDiskStorage, type Storage } from "../platform/storage/storage.js";
import type { PageDeps } from "../pages/page-deps.js";
import { servePage } from "../pages/page-pipeline.js";
import { pageTags } from "../pages/page-tags.js";
import type { Video } from "./video.js";
import {
  countPublishedVideos,
  findPublishedVideoBySlug,
  listPublishedVideos,
  listRelatedVideos,
} from "./video.queries.js";
import { VideoListingPage, VideoPage } from "./views/VideoPages.js";
import { MAX_VTT_BYTES, parseWebVtt, transcriptFromCues } from "./webvtt.js";

export const VIDEOS_PER_PAGE = 24;
const RELATED_VIDEOS = 4;

/** The transcript from a caption track; none when the file is missing, too large or not valid WebVTT. */
async function loadTranscript(storage: Storage, key: string | null) {
  if (!key) return [];
  try {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of storage.read(key) as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > MAX_VTT_BYTES) return [];
      chunks.push(chunk);
    }
    const parsed = parseWebVtt(Buffer.concat(chunks));
    return parsed.ok ? transcriptFromCues(parsed.cues) : [];
  } catch {
    return [];
  }
}

/** /video (the video section) and /video/:slug (one video's page). */
export function registerVideoPageRoutes(app: FastifyInstance, deps: PageDeps): void {
  const storage = new LocalDiskStorage(path.join(deps.config.dataDir, "media"));

  app.get("/video", async (req, reply) => {
    const { page: number } = parseInput(pageQuery, req.query);
    const key = number > 1 ? `/video?page=${number}` : "/video";
    return servePage(deps, req, reply, { key }, async (page) => {
      const [videos, total] = await Promise.all([
        listPublishedVideos(deps.db, { limit: VIDEOS_PER_PAGE, offset: (number - 1) * VIDEOS_PER_PAGE }),
        countPublishedVideos(deps.db),
      ]);
      const totalPages = totalPagesFor(total, VIDEOS_PER_PAGE);
      if (number > totalPages) throw notFound("Page");
      page.tag(pageTags.videos, ...videos.flatMap(videoTags));
      return { html: h(VideoListingPage, { site: page.site("video"), videos, page: number, totalPages }) };
    });
  });

  app.get<{ Params: { slug: string } }>("/video/:slug", async (req, reply) => {
    if (!slugParam.safeParse(req.params.slug).success) throw notFound("Video");
    return servePage(deps, req, reply, { key: `/video/${req.params.slug}` }, async (page) => {
      const video = await findPublishedVideoBySlug(deps.db, req.params.slug);
      if (!video) throw notFound("Video");
      const [transcript, related] = await Promise.all([
        loadTranscript(storage, video.transcriptKey),
        listRelatedVideos(deps.db, video, RELATED_VIDEOS),
      ]);
      page.tag(
        pageTags.videos,
        ...videoTags(video),
        ...video.tags.map((t) => pageTags.topic(t.slug)),
        ...related.flatMap(videoTags),
      );
      return { html: h(VideoPage, { site: page.site("video"), video, transcript, related }) };
    });
  });
}

/** A video as a page shows it: its row and its poster. */
const videoTags = (video: Video) => [
  pageTags.video(video.id),
  ...(video.poster ? [pageTags.media(video.poster.id)] : []),
];
