import { MEDIA_PREFIX } from "../../media/image.js";

/** The files made from an upload, by storage key (the `renditions` column). */
export interface Renditions {
  /** H.264/AAC MP4 with the index at the front (faststart), playable while it downloads. */
  mp4?: string;
  hls?: { master: string; variants: HlsVariant[] };
}

export interface HlsVariant {
  width: number;
  height: number;
  /** Peak bits per second, for the master playlist. */
  bandwidth: number;
  /** The variant's media playlist. */
  key: string;
}

export function parseRenditions(json: string): Renditions {
  try {
    const value: unknown = JSON.parse(json);
    return value && typeof value === "object" && !Array.isArray(value) ? (value as Renditions) : {};
  } catch {
    return {};
  }
}

/** HLS heights to make for a source: 360p and 720p, never larger than the source (no upscaling). */
export function hlsHeights(sourceHeight: number): number[] {
  const even = (n: number) => Math.max(2, Math.floor(n / 2) * 2);
  const wanted = [360, 720].filter((h) => h <= sourceHeight);
  return wanted.length > 0 ? wanted : [even(sourceHeight)];
}

/** The HLS master playlist (RFC 8216 §4.3.4.2) naming each variant relative to itself. */
export function masterPlaylist(variants: HlsVariant[], masterKey: string): string {
  const base = masterKey.slice(0, masterKey.lastIndexOf("/") + 1);
  const lines = ["#EXTM3U", "#EXT-X-VERSION:3"];
  for (const v of [...variants].sort((a, b) => a.height - b.height)) {
    lines.push(
      `#EXT-X-STREAM-INF:BANDWIDTH=${v.bandwidth},RESOLUTION=${v.width}x${v.height},CODECS="avc1.4d401f,mp4a.40.2"`,
      v.key.startsWith(base) ? v.key.slice(base.length) : MEDIA_PREFIX + v.key,
    );
  }
  return `${lines.join("\n")}\n`;
}
