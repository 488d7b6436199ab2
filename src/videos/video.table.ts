import type { Generated, Selectable } from "kysely";

export type VideoStatus = "uploaded" | "processing" | "ready" | "failed";

export interface VideoTable {
  id: Generated<number>;
  slug: string;
  title: string;
  description: Generated<string>;
  /** The file pages play: the web-optimised MP4 once processed, the upload as is before. */
  storage_key: string;
  mime: string;
  poster_media_id: number | null;
  /** JSON array of { lang, label, storageKey } WebVTT tracks (kept in step with video_captions). */
  captions: Generated<string>;
  duration_seconds: Generated<number>;
  width: Generated<number>;
  height: Generated<number>;
  featured: Generated<number>;
  published_at: string;
  status: Generated<VideoStatus>;
  processing_error: string | null;
  /** Percent done of the processing job, 0–100. */
  progress: Generated<number>;
  section_id: number | null;
  /** JSON: { mp4?: key, hls?: { master: key, variants: { height, width, bandwidth, key }[] } }. */
  renditions: Generated<string>;
  /** Seconds into the video for the poster frame; null lets processing choose. */
  poster_time: number | null;
  uploaded_by: number | null;
  /** The upload as received (kept so the video can be processed again). */
  source_key: string | null;
  published: Generated<number>;
  created_at: string | null;
  updated_at: string | null;
  /** In the trash since (docs/adr/025): hidden everywhere, purged after 30 days. */
  trashed_at: Generated<string | null>;
  trashed_by: Generated<number | null>;
}
export type VideoRow = Selectable<VideoTable>;

export interface VideoTagTable {
  video_id: number;
  tag_id: number;
}

export interface VideoCaptionTable {
  id: Generated<number>;
  video_id: number;
  lang: string;
  label: string;
  storage_key: string;
  cue_count: number;
  created_at: string;
}

export interface VideoUploadTable {
  id: string;
  user_id: number | null;
  filename: string;
  title: string;
  total_bytes: number | string | null;
  received: Generated<number | string>;
  chunks: Generated<number>;
  video_id: number | null;
  created_at: string;
  updated_at: string;
}
