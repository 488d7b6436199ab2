import type { Generated, Selectable } from "kysely";

export interface MediaTable {
  id: Generated<number>;
  kind: "image";
  storage_key: string;
  mime: string;
  width: number;
  height: number;
  /** JSON array of the widths of the generated WebP variants. */
  variant_widths: Generated<string>;
  alt: Generated<string>;
  caption: Generated<string>;
  credit: Generated<string>;
  created_at: string;
}
export type MediaRow = Selectable<MediaTable>;
