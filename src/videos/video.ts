import { type Image, mediaUrl, toImage } from "../media/image.js";
import type { MediaRow } from "../media/media.table.js";
import { parseRenditions } from "./processing/renditions.js";
import type { VideoRow } from "./video.table.js";

export interface CaptionTrack {
  lang: string;
  label: string;
  src: string;
}

export interface Video {
  id: number;
  slug: string;
  title: string;
  description: string;
  src: string;
  mime: string;
  poster: Image | null;
  captions: CaptionTrack[];
  durationSeconds: number;
  width: number;
  height: number;
  publishedAt: string;
  // Optional so videos built by hand (tests, fixtures) stay valid: absent means available, no HLS.
  /** Ready to play; an upload still processing, or one that failed, shows "Video unavailable". */
  available?: boolean;
  /** The HLS master playlist, for browsers that play HLS themselves. */
  hls?: string | null;
  /** The video's own page. */
  url?: string;
}

function parseCaptions(json: string): CaptionTrack[] {
  try {
    const parsed: unknown = JSON.parse(json);
    if (!Array.isArray(parsed)) return [];
    return parsed.flatMap((t: { lang?: unknown; label?: unknown; storageKey?: unknown }) =>
      typeof t.lang === "string" && typeof t.label === "string" && typeof t.storageKey === "string"
        ? [{ lang: t.lang, label: t.label, src: mediaUrl(t.storageKey) }]
        : [],
    );
  } catch {
    return [];
  }
}

export function toVideo(row: VideoRow, poster: MediaRow | undefined): Video {
  return {
    id: row.id,
    slug: row.slug,
    title: row.title,
    description: row.description,
    src: mediaUrl(row.storage_key),
    mime: row.mime,
    poster: poster ? toImage(poster) : null,
    captions: parseCaptions(row.captions),
    durationSeconds: Number(row.duration_seconds),
    width: row.width,
    height: row.height,
    publishedAt: row.published_at,
    available: row.status === "ready",
    hls: hlsOf(row.renditions),
    url: `/video/${row.slug}`,
  };
}

function hlsOf(json: string): string | null {
  const master = parseRenditions(json).hls?.master;
  return master ? mediaUrl(master) : null;
}

/** "0:00", "1:05", "1:02:03": the player's clock format. */
export function formatClock(totalSeconds: number): string {
  const s = Math.max(0, Math.floor(Number.isFinite(totalSeconds) ? totalSeconds : 0));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${sec}` : `${m}:${sec}`;
}

/** ISO 8601 duration, as schema.org's VideoObject.duration wants it: 125.4 → "PT2M5S". */
export function isoDuration(totalSeconds: number): string {
  const s = Math.max(0, Math.round(Number.isFinite(totalSeconds) ? totalSeconds : 0));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  return `PT${h ? `${h}H` : ""}${m ? `${m}M` : ""}${sec || (!h && !m) ? `${sec}S` : ""}`;
}
