import { z } from "zod";
import type { Action } from "../platform/admin/permissions.js";

// An integration's key carries scopes; each scope grants newsroom actions (platform/admin/permissions.ts),
// and the same guard that asks a person's role asks the key's grants. So a scope can never reach
// further than the actions it names, and an endpoint added to the newsroom is governed by the
// same table on both entrances (docs/adr/033).
export const SCOPES = {
  /** Drafts, revisions, the media library, sections, tags and authors. */
  "content:read": ["content.read", "article.read.any"],
  /** Create, edit, submit, trash and restore articles; byline anyone; add tags. */
  "drafts:write": [
    "article.create",
    "article.edit.own",
    "article.edit.any",
    "article.submit",
    "article.byline.any",
    "article.delete",
    "article.restore",
    "tag.create",
  ],
  /** Publish, schedule, unpublish, put staged updates live or drop them, return from review (whoever is on the byline). */
  "articles:publish": [
    "article.byline.any",
    "article.publish.own",
    "article.publish.any",
    "article.update",
    "article.discard",
    "article.review",
  ],
  /** Corrections and update notes on published articles. */
  "articles:correct": ["article.correct"],
  /** Upload images, describe and re-crop them, move them to the trash. */
  "media:write": ["media.upload", "media.edit.own", "media.edit.any", "media.delete"],
  /** Sections, tags (merge too) and author profiles. */
  "taxonomy:manage": ["tag.create", "tag.manage", "section.manage", "author.manage", "author.edit.own"],
  /** Post, edit and remove entries of live blogs (they edit the live article). */
  "live:write": ["article.edit.own", "article.edit.any"],
  /** Newsletters' subscribers: list, add, confirm with consent, unsubscribe, export. */
  "subscribers:manage": ["newsletter.manage"],
  /** Register, change and remove webhooks; read their delivery log. */
  "webhooks:manage": ["webhook.manage"],
} as const satisfies Record<string, readonly Action[]>;

export type Scope = keyof typeof SCOPES;
export const SCOPE_NAMES = Object.keys(SCOPES) as Scope[];

/** What each scope lets a key do, in the words the newsroom shows beside its box. */
export const SCOPE_SUMMARIES: Record<Scope, string> = {
  "content:read": "Read drafts, revisions, media, sections, tags and authors",
  "drafts:write": "Create, edit, submit and trash articles",
  "articles:publish": "Publish, schedule and unpublish articles",
  "articles:correct": "Add corrections and update notes",
  "media:write": "Upload and describe images",
  "taxonomy:manage": "Manage sections, tags and authors",
  "live:write": "Post live blog entries",
  "subscribers:manage": "List, add, confirm and unsubscribe subscribers",
  "webhooks:manage": "Manage webhooks and read their log",
};

export const scopeList = z
  .array(z.enum(SCOPE_NAMES as [Scope, ...Scope[]]))
  .min(1, "Give the key at least one scope")
  .transform((list) => [...new Set(list)].sort());

/** The actions a set of scopes grants. */
export function grantsOf(scopes: readonly Scope[]): ReadonlySet<Action> {
  return new Set(scopes.flatMap((s) => SCOPES[s] as readonly Action[]));
}

/** Parses "a,b c" (the CLI's --scopes) into scope names; unknown names are left for the schema to refuse. */
export function splitScopes(text: string): string[] {
  return text
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}
