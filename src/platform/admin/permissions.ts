// The newsroom's permissions: one table, the single source of truth. Every API endpoint names the
// action it performs and the guard asks `can(role, action)`; the permissions matrix test walks
// every role × every action against this table and against the live endpoints.

export const ROLES = ["contributor", "writer", "editor", "admin"] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = {
  // Reading the newsroom's material (drafts, revisions, the media library, sections, tags, authors).
  "content.read": ["contributor", "writer", "editor", "admin"],
  // Reading any article, not only one's own (editing any implies it; an integration may read only).
  "article.read.any": ["editor", "admin"],
  // Articles. "own" = the user created it or is among its authors.
  "article.create": ["contributor", "writer", "editor", "admin"],
  "article.edit.own": ["contributor", "writer", "editor", "admin"],
  "article.edit.any": ["editor", "admin"],
  "article.submit": ["contributor", "writer", "editor", "admin"],
  "article.publish.own": ["writer", "editor", "admin"],
  "article.publish.any": ["editor", "admin"],
  // A published article's pending edits (docs/adr/019): Update puts them live, Discard drops them;
  // both also need the right to publish that article (publish.own or publish.any).
  "article.update": ["writer", "editor", "admin"],
  "article.discard": ["writer", "editor", "admin"],
  // Bylines (docs/adr/025): everyone bylines themselves and the co-authors editors opened to
  // co-bylines (or put on that story); editors and admins byline anyone.
  "article.byline.any": ["editor", "admin"],
  // The trash (docs/adr/025): whoever may edit an article may delete and restore it; a published,
  // scheduled or taken-down one also needs the right to publish it.
  "article.delete": ["contributor", "writer", "editor", "admin"],
  "article.restore": ["contributor", "writer", "editor", "admin"],
  "article.review": ["editor", "admin"],
  "article.correct": ["editor", "admin"],
  // Media and video: everyone who writes uploads; only those who publish put a video on the site or
  // change what readers see. "own" = the user uploaded it and nothing on the site shows it yet
  // (live-material.ts).
  "media.upload": ["contributor", "writer", "editor", "admin"],
  "media.edit.own": ["contributor", "writer", "editor", "admin"],
  "media.edit.any": ["writer", "editor", "admin"],
  "video.upload": ["contributor", "writer", "editor", "admin"],
  "video.edit.own": ["contributor", "writer", "editor", "admin"],
  "video.edit.any": ["writer", "editor", "admin"],
  "video.publish": ["writer", "editor", "admin"],
  // Delete (to the trash) and restore: as for editing it (own and off the site, or any); refused
  // with the list of what uses it while anything does.
  "media.delete": ["contributor", "writer", "editor", "admin"],
  "video.delete": ["contributor", "writer", "editor", "admin"],
  // Managing the paper.
  "tag.create": ["contributor", "writer", "editor", "admin"],
  "tag.manage": ["editor", "admin"],
  "section.manage": ["editor", "admin"],
  "author.manage": ["editor", "admin"],
  // Everyone edits their own author profile (name, job title, bio, photo, links).
  "author.edit.own": ["contributor", "writer", "editor", "admin"],
  "frontpage.manage": ["editor", "admin"],
  // The breaking-news banner across the whole site (docs/adr/035): what the front page's editors decide.
  "banner.manage": ["editor", "admin"],
  "audit.view": ["editor", "admin"],
  // Newsletters: editors run editions and subscribers; admins add, rename, pause and schedule newsletters.
  "newsletter.manage": ["editor", "admin"],
  "newsletter.admin": ["admin"],
  // The audience desk (docs/adr/029): editors and admins see the whole site's figures; everyone sees
  // the figures of their own stories.
  "analytics.view": ["editor", "admin"],
  "analytics.view.own": ["contributor", "writer", "editor", "admin"],
  // Wire copy (src/wire): reading the queue and making drafts from it is for staff who write;
  // contributors (freelancers) do not see licensed agency copy. Admins manage the providers.
  "wire.read": ["writer", "editor", "admin"],
  "wire.use": ["writer", "editor", "admin"],
  "wire.manage": ["admin"],
  // Administration. Integrations (Admin API keys) and webhooks reach outside the newsroom (docs/adr/033).
  "user.manage": ["admin"],
  "integration.manage": ["admin"],
  "webhook.manage": ["admin"],
} as const satisfies Record<string, readonly Role[]>;

export type Action = keyof typeof PERMISSIONS;
export const ACTIONS = Object.keys(PERMISSIONS) as Action[];

export function can(role: Role, action: Action): boolean {
  return (PERMISSIONS[action] as readonly Role[]).includes(role);
}

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

/** Who acts: a signed-in person (by role) or an integration (by the actions its key's scopes grant). */
export interface Principal {
  role: Role;
  /** An integration's grants; when present they replace the role (docs/adr/033). */
  grants?: ReadonlySet<Action> | undefined;
}

/** May this person or integration perform `action`? Every check past the guard asks this. */
export function allows(who: Principal, action: Action): boolean {
  return who.grants ? who.grants.has(action) : can(who.role, action);
}
