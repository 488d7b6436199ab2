import type { Generated, Selectable } from "kysely";

export interface MediaTable {
  id: Generated<number>;
  kind: "image";
  storage_key: string;
  mime: string;
  width: number;
  height: number;
  /** JSON array of the widths of the generated variants. */
  variant_widths: Generated<string>;
  /** JSON array of the variant formats made at every width ("avif", "webp", "jpeg", "png"). */
  formats: Generated<string>;
  alt: Generated<string>;
  caption: Generated<string>;
  credit: Generated<string>;
  /** The editor's focal point, 0..1 from the left and from the top; crops keep it in frame. */
  focal_x: Generated<number>;
  focal_y: Generated<number>;
  /** Size of the stored (cleaned) original; 0 for images stored before the library. */
  bytes: Generated<number>;
  /** The uploaded file's name, sanitised; searched, never used as a storage key. */
  original_filename: Generated<string>;
  /** SHA-256 (hex) of the uploaded bytes, for de-duplication; "" when unknown. */
  sha256: Generated<string>;
  uploaded_by: Generated<number | null>;
  /** Version of the focal crops (thumbnail, social card); 0 = none made yet. */
  crop_version: Generated<number>;
  /** Lower-cased alt, caption, credit and filename, for the library's search. */
  search_text: Generated<string>;
  created_at: string;
  /** In the trash since (docs/adr/025): hidden everywhere, purged after 30 days. */
  trashed_at: Generated<string | null>;
  trashed_by: Generated<number | null>;
}
/** A whole row, as the media library reads it. */
export type MediaLibraryRow = Selectable<MediaTable>;

type LibraryColumn =
  | "formats"
  | "focal_x"
  | "focal_y"
  | "bytes"
  | "original_filename"
  | "sha256"
  | "uploaded_by"
  | "trashed_at"
  | "trashed_by"
  | "crop_version"
  | "search_text";

/**
 * A row as the reader pages read it: page queries join the seed's columns by name, so the
 * library's columns are optional and an image without them reads as WebP variants only.
 */
export type MediaRow = Omit<MediaLibraryRow, LibraryColumn> & Partial<Pick<MediaLibraryRow, LibraryColumn>>;
