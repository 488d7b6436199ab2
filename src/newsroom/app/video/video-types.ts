// The video newsroom API's shapes (src/videos/README.md), as the app reads them.

export type VideoStatus = "uploaded" | "processing" | "ready" | "failed";

export interface VideoItem {
  id: number;
  slug: string;
  url: string;
  title: string;
  description: string;
  status: VideoStatus;
  progress: number;
  error: string | null;
  sectionId: number | null;
  tags: { id: number; name: string; slug: string }[];
  durationSeconds: number;
  width: number;
  height: number;
  posterUrl: string | null;
  posterTime: number | null;
  src: string;
  renditions: { mp4: string | null; hls: string | null; hlsHeights: number[] };
  captions: { lang: string; label: string; url: string; cueCount: number | null }[];
  featured: boolean;
  published: boolean;
  publishedAt: string;
  uploadedBy: number | null;
  createdAt: string | null;
  updatedAt: string | null;
}

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
