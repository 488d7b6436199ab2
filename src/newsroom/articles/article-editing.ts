import type { ArticleRow } from "../../articles/article.table.js";
import type { Db } from "../../database.js";
import { reindexArticles } from "../../discovery/discovery-index.js";
import { AppError } from "../../platform/errors.js";
import { slugify } from "../../platform/slug.js";
import { recordAudit } from "../audit.js";
import type { NewsroomUser } from "../auth/session.js";
import { type Action, can } from "../permissions.js";
import {
  type DraftPatch,
  SNAPSHOT_FIELDS,
  type Snapshot,
  findArticleRow,
  loadDraft,
  snapshotOf,
} from "./article-draft.js";
import { withdrawApproval } from "./approval.js";

// Saving articles: every save names the version it was based on and is refused when the article
// has moved on (two editors never silently overwrite each other); every save keeps a revision,
// coalesced per author per minute; all of it in one transaction.

/** Saves by the same author within this time fold into one revision. */
export const REVISION_COALESCE_MS = 60_000;
export const EMPTY_DOC: Snapshot["body"] = { type: "doc", content: [{ type: "paragraph" }] };

export interface Actor {
  user: NewsroomUser;
  ip: string;
}

/** True when the user created the article or is one of its authors (a profile linked to them). */
export async function ownsArticle(db: Db, user: NewsroomUser, row: Pick<ArticleRow, "id" | "created_by">) {
  if (row.created_by === user.id) return true;
  const linked = await db
    .selectFrom("article_authors as aa")
    .innerJoin("authors as au", "au.id", "aa.author_id")
    .select("au.id")
    .where("aa.article_id", "=", row.id)
    .where("au.user_id", "=", user.id)
    .executeTakeFirst();
  return linked !== undefined;
}

/** True when the user's role allows `kind` on any article, or on their own and this is theirs. */
export async function mayAccessArticle(
  db: Db,
  user: NewsroomUser,
  row: Pick<ArticleRow, "id" | "created_by">,
  kind: "edit" | "publish",
): Promise<boolean> {
  if (can(user.role, `article.${kind}.any` as Action)) return true;
  return can(user.role, `article.${kind}.own` as Action) && ownsArticle(db, user, row);
}

/** Checks `own`/`any` permission on one article: 403 when neither applies. */
export async function assertArticleAccess(
  db: Db,
  user: NewsroomUser,
  row: Pick<ArticleRow, "id" | "created_by">,
  kind: "edit" | "publish",
): Promise<void> {
  if (await mayAccessArticle(db, user, row, kind)) return;
  throw new AppError(
    "FORBIDDEN",
    kind === "edit"
      ? "You can edit only your own articles"
      : user.role === "contributor"
        ? "Contributors submit articles for review; an editor publishes them"
        : "You can publish only your own articles",
  );
}

/** A slug no other article uses now or used before (old slugs keep redirecting to their article). */
export async function slugAvailable(db: Db, slug: string, articleId?: number): Promise<boolean> {
  const current = await db.selectFrom("articles").select("id").where("slug", "=", slug).executeTakeFirst();
  if (current && current.id !== articleId) return false;
  const old = await db
    .selectFrom("article_slug_history")
    .select("article_id")
    .where("slug", "=", slug)
    .executeTakeFirst();
  return !old || old.article_id === articleId;
}

export async function suggestSlug(db: Db, wanted: string, articleId?: number): Promise<string> {
  const base = slugify(wanted) || "untitled";
  if (await slugAvailable(db, base, articleId)) return base;
  for (let n = 2; n < 1000; n++) {
    const candidate = `${base.slice(0, 75)}-${n}`;
    if (await slugAvailable(db, candidate, articleId)) return candidate;
  }
  throw new AppError("CONFLICT", "No free slug near this one: choose another");
}

async function writeRevision(
  trx: Db,
  articleId: number,
  version: number,
  user: NewsroomUser,
  snapshot: Snapshot,
  now: Date,
  note = "",
) {
  const latest = await trx
    .selectFrom("article_revisions")
    .select(["id", "user_id", "created_at", "note"])
    .where("article_id", "=", articleId)
    .orderBy("id", "desc")
    .limit(1)
    .executeTakeFirst();
  const json = JSON.stringify(snapshot);
  if (
    latest &&
    !note &&
    !latest.note &&
    latest.user_id === user.id &&
    now.getTime() - Date.parse(latest.created_at) < REVISION_COALESCE_MS
  ) {
    await trx
      .updateTable("article_revisions")
      .set({ snapshot: json, version, updated_at: now.toISOString() })
      .where("id", "=", latest.id)
      .execute();
    return;
  }
  await trx
    .insertInto("article_revisions")
    .values({
      article_id: articleId,
      version,
      user_id: user.id,
      created_at: now.toISOString(),
      updated_at: now.toISOString(),
      snapshot: json,
      note,
    })
    .execute();
}

async function checkReferences(trx: Db, fields: Partial<Snapshot>) {
  const missing: { path: string; message: string }[] = [];
  const exists = async (table: "sections" | "tags" | "authors" | "media" | "videos", ids: number[]) => {
    if (ids.length === 0) return [];
    const rows = await trx.selectFrom(table).select("id").where("id", "in", ids).execute();
    const found = new Set(rows.map((r) => r.id));
    return ids.filter((i) => !found.has(i));
  };
  if (fields.sectionId !== undefined && (await exists("sections", [fields.sectionId])).length)
    missing.push({ path: "sectionId", message: "No such section" });
  for (const i of await exists("tags", fields.tagIds ?? [])) missing.push({ path: "tagIds", message: `No topic ${i}` });
  for (const i of await exists("authors", fields.authorIds ?? []))
    missing.push({ path: "authorIds", message: `No author ${i}` });
  const media = [fields.heroMediaId, fields.socialMediaId].filter((m): m is number => typeof m === "number");
  for (const i of await exists("media", media)) missing.push({ path: "heroMediaId", message: `No image ${i}` });
  if (typeof fields.videoId === "number" && (await exists("videos", [fields.videoId])).length)
    missing.push({ path: "videoId", message: "No such video" });
  if (missing.length) {
    throw new AppError("VALIDATION_FAILED", missing.map((m) => `${m.path}: ${m.message}`).join("; "), {
      details: missing,
    });
  }
}

/** Writes the given fields to the article row and its authors/topics (inside `trx`). */
async function applyFields(trx: Db, row: ArticleRow, fields: Partial<Snapshot>, now: Date) {
  await checkReferences(trx, fields);
  if (fields.slug !== undefined && fields.slug !== row.slug) {
    if (!(await slugAvailable(trx, fields.slug, row.id))) {
      throw new AppError("CONFLICT", `The slug "${fields.slug}" is taken: choose another`, {
        details: [{ path: "slug", message: "Taken" }],
      });
    }
    // A published article's old address answers 301 for ever; a draft's never had readers.
    if (row.status === "published" || row.published_at) {
      await trx.deleteFrom("article_slug_history").where("slug", "=", fields.slug).execute();
      await trx
        .insertInto("article_slug_history")
        .values({ slug: row.slug, article_id: row.id, created_at: now.toISOString() })
        .onConflict((oc) => oc.column("slug").doNothing())
        .execute();
    }
  }
  const set: Record<string, unknown> = {};
  const columns: Partial<Record<keyof Snapshot, string>> = {
    kicker: "kicker",
    headline: "headline",
    standfirst: "standfirst",
    slug: "slug",
    sectionId: "section_id",
    heroMediaId: "hero_media_id",
    heroCaption: "hero_caption",
    heroCredit: "hero_credit",
    videoId: "video_id",
    seoTitle: "seo_title",
    seoDescription: "seo_description",
    socialMediaId: "social_media_id",
    editorsNotes: "editors_notes",
    embargoAt: "embargo_at",
  };
  for (const [field, column] of Object.entries(columns)) {
    const value = fields[field as keyof Snapshot];
    if (value !== undefined) set[column] = value;
  }
  if (fields.breaking !== undefined) set.breaking = fields.breaking ? 1 : 0;
  if (fields.body !== undefined) set.body = JSON.stringify(fields.body);
  if (Object.keys(set).length) await trx.updateTable("articles").set(set).where("id", "=", row.id).execute();
  if (fields.authorIds) {
    await trx.deleteFrom("article_authors").where("article_id", "=", row.id).execute();
    const unique = [...new Set(fields.authorIds)];
    if (unique.length) {
      await trx
        .insertInto("article_authors")
        .values(unique.map((author_id, position) => ({ article_id: row.id, author_id, position })))
        .execute();
    }
  }
  if (fields.tagIds) {
    await trx.deleteFrom("article_tags").where("article_id", "=", row.id).execute();
    const unique = [...new Set(fields.tagIds)];
    if (unique.length) {
      await trx
        .insertInto("article_tags")
        .values(unique.map((tag_id) => ({ article_id: row.id, tag_id })))
        .execute();
    }
  }
}

/** Moves the version on; throws CONFLICT (with the current draft) when `baseVersion` is stale. */
async function bumpVersion(trx: Db, articleId: number, baseVersion: number, now: Date): Promise<number> {
  const result = await trx
    .updateTable("articles")
    .set((eb) => ({ version: eb("version", "+", 1), updated_at: now.toISOString() }))
    .where("id", "=", articleId)
    .where("version", "=", baseVersion)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) {
    throw new AppError("CONFLICT", "Someone saved a newer version of this article while you were editing", {
      details: { current: await loadDraft(trx, articleId) },
    });
  }
  return baseVersion + 1;
}

export async function createDraft(
  db: Db,
  actor: Actor,
  input: { headline?: string; sectionId?: number },
  now: Date,
): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const section =
      input.sectionId ??
      (await trx.selectFrom("sections").select("id").orderBy("position").orderBy("id").executeTakeFirst())?.id;
    if (section === undefined) throw new AppError("NOT_READY", "Create a section before writing an article");
    const headline = input.headline?.trim() ?? "";
    const slug = await suggestSlug(trx, headline || `untitled-${now.getTime().toString(36)}`);
    const row = await trx
      .insertInto("articles")
      .values({
        slug,
        headline,
        body: JSON.stringify(EMPTY_DOC),
        section_id: section,
        status: "draft",
        created_by: actor.user.id,
        created_at: now.toISOString(),
        updated_at: now.toISOString(),
        hero_media_id: null,
        hero_caption: null,
        hero_credit: null,
        video_id: null,
        published_at: null,
        social_media_id: null,
        embargo_at: null,
        scheduled_at: null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    // The writer's own author profile, when they have one, is the first byline.
    const profile = await trx
      .selectFrom("authors")
      .select("id")
      .where("user_id", "=", actor.user.id)
      .executeTakeFirst();
    if (profile)
      await trx
        .insertInto("article_authors")
        .values({ article_id: row.id, author_id: profile.id, position: 0 })
        .execute();
    await writeRevision(trx, row.id, row.version, actor.user, await snapshotOf(trx, row), now, "Created");
    await trx
      .insertInto("article_events")
      .values({
        article_id: row.id,
        from_status: "",
        to_status: "draft",
        user_id: actor.user.id,
        note: "",
        at: now.toISOString(),
      })
      .execute();
    await recordAudit(trx, now, {
      userId: actor.user.id,
      ip: actor.ip,
      action: "article.created",
      subjectType: "article",
      subjectId: row.id,
    });
    return row.id;
  });
}

/**
 * Saves changed fields against `baseVersion`. A published article's changes go live at once, so
 * saving one needs the right to publish it; its search entry and related lists follow. A scheduled
 * article was approved as it stood: saved by someone who may not publish it, it goes back to review.
 */
export async function saveDraft(db: Db, actor: Actor, articleId: number, patch: DraftPatch, now: Date, note = "") {
  const { baseVersion, ...fields } = patch;
  await db.transaction().execute(async (trx) => {
    const row = await findArticleRow(trx, articleId);
    await assertArticleAccess(trx, actor.user, row, row.status === "published" ? "publish" : "edit");
    if (row.status === "unpublished" && actor.user.role === "contributor") {
      throw new AppError("FORBIDDEN", "This article has been taken down; ask an editor");
    }
    const version = await bumpVersion(trx, articleId, baseVersion, now);
    if (row.status === "scheduled" && !(await mayAccessArticle(trx, actor.user, row, "publish"))) {
      await withdrawApproval(trx, row, actor, now);
    }
    await applyFields(trx, row, fields, now);
    const after = await findArticleRow(trx, articleId);
    await writeRevision(trx, articleId, version, actor.user, await snapshotOf(trx, after), now, note);
    if (after.status === "published") await reindexArticles(trx, [articleId], { cascade: false });
    const changed = SNAPSHOT_FIELDS.filter((f) => fields[f] !== undefined);
    await recordAudit(trx, now, {
      userId: actor.user.id,
      ip: actor.ip,
      action: note ? "article.revision_restored" : "article.saved",
      subjectType: "article",
      subjectId: articleId,
      detail: {
        version,
        fields: changed,
        ...(fields.slug && fields.slug !== row.slug ? { slug: { from: row.slug, to: fields.slug } } : {}),
      },
    });
  });
  return loadDraft(db, articleId);
}

export async function restoreRevision(
  db: Db,
  actor: Actor,
  articleId: number,
  revisionId: number,
  baseVersion: number,
  now: Date,
) {
  const revision = await db
    .selectFrom("article_revisions")
    .select(["snapshot", "version", "created_at"])
    .where("id", "=", revisionId)
    .where("article_id", "=", articleId)
    .executeTakeFirst();
  if (!revision) throw new AppError("NOT_FOUND", "No such revision of this article");
  const snapshot = await withoutDeletedReferences(db, JSON.parse(revision.snapshot) as Snapshot);
  const current = await findArticleRow(db, articleId);
  // The slug stays as it is when the old one now belongs to another article.
  const slug = (await slugAvailable(db, snapshot.slug, articleId)) ? snapshot.slug : current.slug;
  return saveDraft(
    db,
    actor,
    articleId,
    { ...snapshot, slug, baseVersion },
    now,
    `Restored revision of ${revision.created_at}`,
  );
}

/** A revision may name topics, authors, images or a video deleted since: restore without them. */
async function withoutDeletedReferences(db: Db, s: Snapshot): Promise<Snapshot> {
  const existing = async (table: "tags" | "authors" | "media" | "videos", ids: number[]) => {
    if (ids.length === 0) return new Set<number>();
    return new Set((await db.selectFrom(table).select("id").where("id", "in", ids).execute()).map((r) => r.id));
  };
  const media = await existing(
    "media",
    [s.heroMediaId, s.socialMediaId].filter((m): m is number => m !== null),
  );
  const tags = await existing("tags", s.tagIds);
  const authors = await existing("authors", s.authorIds);
  const video = await existing("videos", s.videoId ? [s.videoId] : []);
  return {
    ...s,
    tagIds: s.tagIds.filter((t) => tags.has(t)),
    authorIds: s.authorIds.filter((a) => authors.has(a)),
    heroMediaId: s.heroMediaId && media.has(s.heroMediaId) ? s.heroMediaId : null,
    socialMediaId: s.socialMediaId && media.has(s.socialMediaId) ? s.socialMediaId : null,
    videoId: s.videoId && video.has(s.videoId) ? s.videoId : null,
  };
}
