// The shapes the newsroom API answers with (src/newsroom/README.md), as the app reads them.

import type { MediaItem } from "../../media/media-item.js";

export type Role = "contributor" | "writer" | "editor" | "admin";
export type Status = "draft" | "in_review" | "scheduled" | "published" | "unpublished" | "trashed";

export interface User {
  id: number;
  email: string;
  name: string;
  role: Role;
  disabled: boolean;
  createdAt: string;
}

export interface Ref {
  id: number;
  name: string;
  slug: string;
}

/** The fields an editor changes; a save sends any subset of them with `baseVersion`. */
export interface DraftFields {
  kicker: string;
  headline: string;
  standfirst: string;
  slug: string;
  sectionId: number | null;
  tagIds: number[];
  authorIds: number[];
  heroMediaId: number | null;
  heroCaption: string | null;
  heroCredit: string | null;
  videoId: number | null;
  seoTitle: string;
  seoDescription: string;
  socialMediaId: number | null;
  breaking: boolean;
  editorsNotes: string;
  body: DocNode;
  embargoAt: string | null;
}
export type FieldName = keyof DraftFields;
export type DraftPatch = Partial<DraftFields>;

export interface ArticleDraft extends DraftFields {
  id: number;
  version: number;
  status: Status;
  tags: Ref[];
  authors: Ref[];
  scheduledAt: string | null;
  publishedAt: string | null;
  createdAt: string;
  updatedAt: string;
  createdBy: number | null;
  url: string;
  previewable?: boolean;
  wordCount: number;
  readingMinutes: number;
  notes: { id: number; kind: "correction" | "update"; text: string; createdAt: string }[];
  events: { from: string; to: string; user: string | null; note: string; at: string }[];
  /** A published story's edits not yet live: the fields above are then these edits. */
  pending?: PendingSummary | null;
}

export interface PendingSummary {
  /** How many fields differ from what readers see. */
  changes: number;
  /** Made by someone who may not publish the story: waiting for an editor. */
  review: boolean;
  updatedAt: string;
  updatedBy: string | null;
}

export interface ArticleListItem {
  id: number;
  headline: string;
  status: Status;
  slug?: string;
  section?: Ref | null;
  sectionId?: number | null;
  /** Author names in byline order. */
  authors?: (string | Ref)[];
  updatedAt: string;
  publishedAt?: string | null;
  scheduledAt?: string | null;
  breaking?: boolean;
  url?: string;
  /** A published story with edits not yet live. */
  pendingChanges?: boolean;
}

export interface DocNode {
  type: string;
  attrs?: Record<string, unknown>;
  content?: DocNode[];
  text?: string;
  marks?: { type: string; attrs?: Record<string, unknown> }[];
}

export interface Section {
  id: number;
  name: string;
  slug: string;
  description?: string;
  position?: number;
}

export interface Author extends Ref {
  role?: string;
  bio?: string;
  photoMediaId?: number | null;
  links?: { label: string; url: string }[];
  userId?: number | null;
  /** Editors let writers and contributors add this profile as a co-author. */
  coByline?: boolean;
  /** The signed-in person may put this profile on a byline. */
  mayByline?: boolean;
}

/** An image in the media library: the server's own type (type-only, nothing of the server is bundled). */
export type { MediaItem };

export interface Revision {
  id: number;
  version: number;
  user: string | { id: number; name: string } | null;
  createdAt: string;
  updatedAt?: string;
  note?: string | null;
}

export interface AuditEntry {
  id: number;
  at?: string;
  createdAt?: string;
  user?: string | { name: string } | null;
  userId?: number | null;
  action: string;
  subjectType: string;
  subjectId: string | number;
  ip?: string | null;
}

export const STATUS_LABELS: Record<Status, string> = {
  draft: "Draft",
  in_review: "In review",
  scheduled: "Scheduled",
  published: "Published",
  unpublished: "Unpublished",
  trashed: "In the trash",
};

export const nameOf = (who: string | { name: string } | null | undefined): string =>
  who == null ? "—" : typeof who === "string" ? who : who.name;

/** A picture to show in the editor: a WebP variant about 800 px wide, else the original. */
export function mediaSrc(m: MediaItem): string {
  const webp = m.variants.filter((v) => v.format === "webp").sort((a, b) => a.width - b.width);
  return (webp.find((v) => v.width >= 800) ?? webp.at(-1))?.url ?? m.url;
}
export const mediaThumb = (m: MediaItem): string => m.thumbUrl || m.url;

/** Every editable field of a draft, in the order the editor shows them (the API's `draftFields`). */
export const FIELD_NAMES: FieldName[] = [
  "kicker",
  "headline",
  "standfirst",
  "slug",
  "sectionId",
  "tagIds",
  "authorIds",
  "heroMediaId",
  "heroCaption",
  "heroCredit",
  "videoId",
  "seoTitle",
  "seoDescription",
  "socialMediaId",
  "breaking",
  "editorsNotes",
  "body",
  "embargoAt",
];

/** Something in the trash (docs/adr/025): restorable until `purgeAt`. */
export interface TrashItem {
  kind: "article" | "image" | "video";
  id: number;
  title: string;
  trashedBy: string | null;
  trashedAt: string;
  purgeAt: string;
  /** An article's status before it was deleted. */
  from?: Status;
}
