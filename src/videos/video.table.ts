import type { Generated, Selectable } from "kysely";

export interface VideoTable {
  id: Generated<number>;
  slug: string;
  title: string;
  description: Generated<string>;
  storage_key: string;
  mime: string;
  poster_media_id: number | null;
  /** JSON array of { lang, label, storageKey } WebVTT tracks. */
  captions: Generated<string>;
  duration_seconds: Generated<number>;
  width: Generated<number>;
  height: Generated<number>;
  featured: Generated<number>;
  published_at: string;
}
export type VideoRow = Selectable<VideoTable>;
