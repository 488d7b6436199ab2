import type { Db } from "../../database.js";
import { AppError } from "../../platform/errors.js";

// What still points at a section, an author, an image or a video: a deletion is refused (409
// IN_USE) with the list, so the person sees what to change first (docs/adr/025).

export interface Reference {
  type: "article" | "video" | "newsletter" | "account" | "author" | "edition";
  id: number;
  label: string;
  /** Where the reference is: a byline, a hero picture, the body, a pending edit… */
  as: string;
}

const LIMIT = 50;

export function refuseInUse(what: string, references: Reference[]): void {
  if (references.length === 0) return;
  const shown = references.slice(0, 3).map((r) => `${r.label} (${r.as})`);
  const more = references.length > 3 ? ` and ${references.length - 3} more` : "";
  throw new AppError("IN_USE", `${what} is still used by ${shown.join(", ")}${more}: change those first`, {
    details: { references },
  });
}

const articleRef = (as: string) => (r: { id: number; headline: string; status: string }) => ({
  type: "article" as const,
  id: r.id,
  label: r.headline || "Untitled",
  as: r.status === "trashed" ? `${as}, in the trash` : as,
});

/** Pending copies (docs/adr/019) whose snapshot names the id in `field` (a list or a single id). */
async function pendingNaming(db: Db, field: string, id: number) {
  const rows = await db
    .selectFrom("article_pending as p")
    .innerJoin("articles as a", "a.id", "p.article_id")
    .select(["a.id", "a.headline", "a.status", "p.snapshot"])
    .where("p.snapshot", "like", `%${field}%`)
    .execute();
  return rows.filter((r) => {
    const value = (JSON.parse(r.snapshot) as Record<string, unknown>)[field];
    return Array.isArray(value) ? value.includes(id) : value === id;
  });
}

export async function authorReferences(db: Db, authorId: number): Promise<Reference[]> {
  const [bylines, account, pending] = await Promise.all([
    db
      .selectFrom("article_authors as aa")
      .innerJoin("articles as a", "a.id", "aa.article_id")
      .select(["a.id", "a.headline", "a.status"])
      .where("aa.author_id", "=", authorId)
      .orderBy("a.id")
      .limit(LIMIT)
      .execute(),
    db
      .selectFrom("authors as au")
      .innerJoin("users as u", "u.id", "au.user_id")
      .select(["u.id", "u.name"])
      .where("au.id", "=", authorId)
      .executeTakeFirst(),
    pendingNaming(db, "authorIds", authorId),
  ]);
  return [
    ...(account
      ? [{ type: "account" as const, id: account.id, label: account.name, as: "their newsroom account" }]
      : []),
    ...bylines.map(articleRef("byline")),
    ...pending.map(articleRef("byline of unpublished changes")),
  ];
}

export async function sectionReferences(db: Db, sectionId: number): Promise<Reference[]> {
  const [articles, videos, newsletters] = await Promise.all([
    db
      .selectFrom("articles")
      .select(["id", "headline", "status"])
      .where("section_id", "=", sectionId)
      .orderBy("id")
      .limit(LIMIT)
      .execute(),
    db.selectFrom("videos").select(["id", "title"]).where("section_id", "=", sectionId).limit(LIMIT).execute(),
    db.selectFrom("newsletters").select(["id", "name"]).where("section_id", "=", sectionId).execute(),
  ]);
  const pending = await pendingNaming(db, "sectionId", sectionId);
  return [
    ...articles.map(articleRef("in this section")),
    ...pending.map(articleRef("moved here in unpublished changes")),
    ...videos.map((v) => ({ type: "video" as const, id: v.id, label: v.title, as: "in this section" })),
    ...newsletters.map((n) => ({
      type: "newsletter" as const,
      id: n.id,
      label: n.name,
      as: "a digest of this section",
    })),
  ];
}

/** Articles whose body embeds the image or video (the stored document names it by id). */
async function bodiesEmbedding(db: Db, kind: "mediaId" | "videoId", id: number) {
  const rows = await db
    .selectFrom("articles")
    .select(["id", "headline", "status", "body"])
    .where("body", "like", `%"${kind}":${id}%`)
    .execute();
  return rows.filter((r) => new RegExp(`"${kind}":${id}[,}]`).test(r.body));
}

export async function mediaReferences(db: Db, mediaId: number): Promise<Reference[]> {
  const [heroes, socials, bodies, authors, posters, pendingHero, pendingSocial, pendingBody] = await Promise.all([
    db.selectFrom("articles").select(["id", "headline", "status"]).where("hero_media_id", "=", mediaId).execute(),
    db.selectFrom("articles").select(["id", "headline", "status"]).where("social_media_id", "=", mediaId).execute(),
    bodiesEmbedding(db, "mediaId", mediaId),
    db.selectFrom("authors").select(["id", "name"]).where("photo_media_id", "=", mediaId).execute(),
    db.selectFrom("videos").select(["id", "title"]).where("poster_media_id", "=", mediaId).execute(),
    pendingNaming(db, "heroMediaId", mediaId),
    pendingNaming(db, "socialMediaId", mediaId),
    db
      .selectFrom("article_pending as p")
      .innerJoin("articles as a", "a.id", "p.article_id")
      .select(["a.id", "a.headline", "a.status", "p.snapshot"])
      .where("p.snapshot", "like", `%"mediaId":${mediaId}%`)
      .execute(),
  ]);
  return [
    ...heroes.map(articleRef("main picture")),
    ...socials.map(articleRef("social image")),
    ...bodies.map(articleRef("in the story")),
    ...pendingHero.map(articleRef("main picture of unpublished changes")),
    ...pendingSocial.map(articleRef("social image of unpublished changes")),
    ...pendingBody
      .filter((r) => new RegExp(`"mediaId":${mediaId}[,}]`).test(r.snapshot))
      .map(articleRef("in unpublished changes")),
    ...authors.map((a) => ({ type: "author" as const, id: a.id, label: a.name, as: "author photo" })),
    ...posters.map((v) => ({ type: "video" as const, id: v.id, label: v.title, as: "poster" })),
  ];
}

export async function videoReferences(db: Db, videoId: number): Promise<Reference[]> {
  const [leads, bodies, pending, editions] = await Promise.all([
    db.selectFrom("articles").select(["id", "headline", "status"]).where("video_id", "=", videoId).execute(),
    bodiesEmbedding(db, "videoId", videoId),
    pendingNaming(db, "videoId", videoId),
    db
      .selectFrom("briefing_videos as bv")
      .innerJoin("briefings as b", "b.id", "bv.briefing_id")
      .select(["b.id", "b.newsletter", "b.edition_date"])
      .where("bv.video_id", "=", videoId)
      .execute(),
  ]);
  return [
    ...leads.map(articleRef("video of the story")),
    ...bodies.map(articleRef("in the story")),
    ...pending.map(articleRef("video of unpublished changes")),
    ...editions.map((e) => ({
      type: "edition" as const,
      id: e.id,
      label: `${e.newsletter} ${e.edition_date}`,
      as: "in the edition",
    })),
  ];
}
