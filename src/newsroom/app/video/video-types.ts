// The video newsroom API's shapes (src/videos/README.md), as the app reads them.

// The item is the server's own type (type-only: nothing of the server reaches the bundle).
import type { VideoItem } from "../../../videos/video-admin.js";
import type { VideoStatus } from "../../../videos/video.table.js";

export type { VideoItem, VideoStatus };

export interface VideoCapabilities {
  ffmpeg: boolean;
  ffprobe: boolean;
  maxBytes: number;
  formats: string[];
  unavailable: string[];
}

export const VIDEO_STATUS_LABELS: Record<VideoStatus, string> = {
  uploaded: "Waiting to process",
  processing: "Processing",
  ready: "Ready",
  failed: "Failed",
};

/** Still changing on the server: the newsroom polls until it is ready or failed. */
export const isBusy = (v: Pick<VideoItem, "status">) => v.status === "uploaded" || v.status === "processing";

export function formatDuration(seconds: number): string {
  const s = Math.round(seconds);
  const m = Math.floor(s / 60);
  const h = Math.floor(m / 60);
  const ss = String(s % 60).padStart(2, "0");
  return h ? `${h}:${String(m % 60).padStart(2, "0")}:${ss}` : `${m}:${ss}`;
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 ** 3) return `${(bytes / 1024 ** 3).toFixed(1)} GB`;
  if (bytes >= 1024 ** 2) return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}
