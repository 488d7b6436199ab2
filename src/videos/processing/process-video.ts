import { createReadStream, createWriteStream } from "node:fs";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import type { Db } from "../../database.js";
import type { Storage } from "../../platform/storage/storage.js";
import { recordVideoReady } from "../video-events.js";
import { type HlsVariant, type Renditions, hlsHeights, masterPlaylist, parseRenditions } from "./renditions.js";
import { ProbeError, type ProbeResult, type VideoTools, probe, runFfmpeg } from "./video-tools.js";

export interface ProcessDeps {
  db: Db;
  storage: Storage;
  tools: VideoTools;
  now: () => Date;
}

/** A processing failure with a message for the newsroom; retrying will not help. */
export class VideoProcessingError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "VideoProcessingError";
  }
}

export type ProgressReport = (percent: number, step: string) => Promise<void>;

const HLS_SEGMENT_SECONDS = 4;
/** Video bit rates (kbit/s) per HLS height; audio adds 96 kbit/s. */
const HLS_KBPS: Record<number, number> = { 360: 800, 720: 2800 };

const videoPrefix = (id: number) => `videos/${id}/`;

/**
 * Makes everything pages need from an upload: probes it, writes the faststart MP4, the HLS
 * renditions, the poster frame, and marks the video ready. Safe to run again: files already
 * recorded in the row are kept, each file is written atomically through Storage (under a
 * temporary name, then renamed), and the row changes only when everything is written, so a
 * failure half-way leaves the video as it was and pages keep what they had.
 */
export async function processVideo(deps: ProcessDeps, videoId: number, report: ProgressReport): Promise<void> {
  const { db, storage, tools } = deps;
  const row = await db.selectFrom("videos").selectAll().where("id", "=", videoId).executeTakeFirst();
  if (!row) return;
  if (!row.source_key) throw new VideoProcessingError("The video has no uploaded file to process");
  // Renditions are recorded only when a run succeeds: with them, the video was ready before.
  const readyBefore = Boolean(parseRenditions(row.renditions).mp4);
  await db
    .updateTable("videos")
    .set({ status: "processing", processing_error: null, progress: 0, updated_at: deps.now().toISOString() })
    .where("id", "=", videoId)
    .execute();

  const work = await fs.mkdtemp(path.join(os.tmpdir(), `london-daily-video-${videoId}-`));
  try {
    const source = await localCopy(storage, row.source_key, work);
    let info: ProbeResult;
    try {
      info = await probe(tools, source);
    } catch (err) {
      const said = err instanceof ProbeError ? err.message : String(err);
      throw new VideoProcessingError(
        `The file could not be read as a video; it may be damaged or incomplete (${said})`,
      );
    }
    const picture = info.video;
    if (!picture) throw new VideoProcessingError("The file has no video picture (no video stream)");
    if (!(info.durationSeconds > 0)) throw new VideoProcessingError("The video's length could not be read");
    const duration = info.durationSeconds;
    const done = parseRenditions(row.renditions);
    const heights = hlsHeights(picture.height);
    const steps = 2 + heights.length;
    let step = 0;
    const stepProgress = (name: string) => (seconds: number) =>
      void report(Math.min(99, Math.floor(((step + Math.min(1, seconds / duration)) / steps) * 100)), name).catch(
        () => undefined,
      );

    const renditions: Renditions = {};
    const mp4Key = `${videoPrefix(videoId)}web.mp4`;
    if (done.mp4 === mp4Key && (await storage.stat(mp4Key))) renditions.mp4 = mp4Key;
    else {
      const out = path.join(work, "web.mp4");
      await runFfmpeg(tools, [...webMp4Args(source, info), out], stepProgress("web MP4"));
      await storage.write(mp4Key, createReadStream(out));
      renditions.mp4 = mp4Key;
    }
    step++;

    const masterKey = `${videoPrefix(videoId)}hls/master.m3u8`;
    if (done.hls?.master === masterKey && (await storage.stat(masterKey))) renditions.hls = done.hls;
    else {
      const variants: HlsVariant[] = [];
      for (const height of heights) {
        variants.push(await makeHls(deps, { videoId, source, info, height, work }, stepProgress(`HLS ${height}p`)));
        step++;
      }
      // The master playlist last: it exists only when every variant it names is complete.
      await storage.write(masterKey, Buffer.from(masterPlaylist(variants, masterKey)));
      renditions.hls = { master: masterKey, variants };
    }
    step = steps - 1;

    let posterId = row.poster_media_id;
    if (posterId === null) {
      const at = Math.max(0, Math.min(row.poster_time ?? Math.min(duration / 4, 5), duration - 0.1));
      const posterKey = `${videoPrefix(videoId)}poster-${Math.round(at * 1000)}.jpg`;
      const out = path.join(work, "poster.jpg");
      await runFfmpeg(tools, ["-ss", at.toFixed(3), "-i", source, "-frames:v", "1", "-q:v", "3", out]);
      await storage.write(posterKey, await fs.readFile(out));
      posterId = await posterMedia(db, posterKey, info, row.title, deps.now());
    }

    await db.transaction().execute(async (trx) => {
      await trx
        .updateTable("videos")
        .set({
          status: "ready",
          progress: 100,
          processing_error: null,
          storage_key: renditions.mp4,
          mime: "video/mp4",
          duration_seconds: Math.round(duration * 1000) / 1000,
          width: picture.width,
          height: picture.height,
          renditions: JSON.stringify(renditions),
          poster_media_id: posterId,
          updated_at: deps.now().toISOString(),
        })
        .where("id", "=", videoId)
        .execute();
      if (!readyBefore) await recordVideoReady(trx, videoId, deps.now());
    });
    await report(100, "ready");
  } finally {
    await fs.rm(work, { recursive: true, force: true });
  }
}

/** Records the processing failure on the video, in words for the newsroom. */
export async function markFailed(
  deps: Pick<ProcessDeps, "db" | "now">,
  videoId: number,
  err: unknown,
): Promise<string> {
  const message =
    err instanceof VideoProcessingError
      ? err.message
      : `Processing failed: ${err instanceof Error ? err.message : String(err)}`.slice(0, 2000);
  await deps.db
    .updateTable("videos")
    .set({ status: "failed", processing_error: message, updated_at: deps.now().toISOString() })
    .where("id", "=", videoId)
    .execute();
  return message;
}

async function localCopy(storage: Storage, key: string, work: string): Promise<string> {
  const local = storage.localPath(key);
  if (local) return local;
  const file = path.join(work, "source");
  await pipeline(storage.read(key), createWriteStream(file));
  return file;
}

/** H.264 + AAC in MP4 with the index first; streams copied when they already are H.264/AAC. */
function webMp4Args(source: string, info: ProbeResult): string[] {
  const copyVideo = info.video?.codec === "h264";
  const copyAudio = !info.audio || info.audio.codec === "aac";
  return [
    "-i",
    source,
    "-map",
    "0:v:0",
    "-map",
    "0:a:0?",
    ...(copyVideo ? ["-c:v", "copy"] : ["-c:v", "libx264", "-preset", "veryfast", "-crf", "23", "-pix_fmt", "yuv420p"]),
    ...(copyAudio ? ["-c:a", "copy"] : ["-c:a", "aac", "-b:a", "128k"]),
    "-movflags",
    "+faststart",
  ];
}

async function makeHls(
  deps: ProcessDeps,
  job: { videoId: number; source: string; info: ProbeResult; height: number; work: string },
  onProgress: (seconds: number) => void,
): Promise<HlsVariant> {
  const { videoId, source, info, height, work } = job;
  const dir = path.join(work, `hls-${height}`);
  await fs.mkdir(dir);
  const kbps = HLS_KBPS[height] ?? Math.round(height * 3);
  await runFfmpeg(
    deps.tools,
    [
      "-i",
      source,
      "-map",
      "0:v:0",
      "-map",
      "0:a:0?",
      "-vf",
      `scale=-2:${height}`,
      "-c:v",
      "libx264",
      "-preset",
      "veryfast",
      "-profile:v",
      "main",
      "-pix_fmt",
      "yuv420p",
      "-b:v",
      `${kbps}k`,
      "-maxrate",
      `${Math.round(kbps * 1.2)}k`,
      "-bufsize",
      `${kbps * 2}k`,
      // A key frame at every segment boundary, so each segment starts cleanly.
      "-force_key_frames",
      `expr:gte(t,n_forced*${HLS_SEGMENT_SECONDS})`,
      "-c:a",
      "aac",
      "-b:a",
      "96k",
      "-ac",
      "2",
      "-f",
      "hls",
      "-hls_time",
      String(HLS_SEGMENT_SECONDS),
      "-hls_playlist_type",
      "vod",
      "-hls_segment_filename",
      path.join(dir, "seg-%04d.ts"),
      path.join(dir, "index.m3u8"),
    ],
    onProgress,
  );
  const prefix = `${videoPrefix(videoId)}hls/${height}p/`;
  const files = (await fs.readdir(dir)).sort();
  // Segments first, the playlist that names them last.
  for (const file of files.filter((f) => f.endsWith(".ts"))) {
    await deps.storage.write(prefix + file, createReadStream(path.join(dir, file)));
  }
  await deps.storage.write(`${prefix}index.m3u8`, await fs.readFile(path.join(dir, "index.m3u8")));
  const width = Math.round((info.video!.width * height) / info.video!.height / 2) * 2;
  return { width, height, bandwidth: (Math.round(kbps * 1.2) + 96) * 1000, key: `${prefix}index.m3u8` };
}

async function posterMedia(db: Db, key: string, info: ProbeResult, title: string, now: Date): Promise<number> {
  const existing = await db.selectFrom("media").select("id").where("storage_key", "=", key).executeTakeFirst();
  if (existing) return existing.id;
  const row = await db
    .insertInto("media")
    .values({
      kind: "image",
      storage_key: key,
      mime: "image/jpeg",
      width: info.video?.width ?? 0,
      height: info.video?.height ?? 0,
      alt: `Poster frame of the video ${title}`.slice(0, 300),
      created_at: now.toISOString(),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}
