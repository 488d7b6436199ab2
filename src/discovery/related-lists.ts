import type { Db } from "../database.js";
import { sql } from "kysely";
import { composeRelated, relatedCandidateIds } from "./related-model.js";

// The stored related lists (docs/adr/005): ranking one article's list from the term vectors of the
// discovery index (discovery-index.ts), and storing it. Runs inside the caller's transaction.

/** Stories kept in an article's stored related list. */
export const RELATED_KEPT = 8;
/** Candidates considered before section, tags, time and near-duplicates are weighed. */
const CANDIDATES = 60;

/** The stories most similar in content to an article, by the cosine of their stored vectors. */
export async function similarArticles(db: Db, articleId: number, limit: number) {
  const rows = await db
    .selectFrom("article_terms as q")
    .innerJoin("article_terms as t", "t.term", "q.term")
    .where("q.article_id", "=", articleId)
    .where("t.article_id", "<>", articleId)
    .groupBy("t.article_id")
    .select((eb) => ["t.article_id as id", eb.fn.sum<number>(sql`t.weight * q.weight`).as("similarity")])
    .orderBy("similarity", "desc")
    .limit(limit)
    .execute();
  return rows.map((r) => ({ id: r.id, similarity: Number(r.similarity) }));
}

/**
 * An article's related list: the editors' pins first, then the best-scored similar stories,
 * without near-duplicates, exclusions or anything unpublished.
 */
export async function rankRelated(db: Db, articleId: number, limit: number): Promise<{ id: number; score: number }[]> {
  const [similar, self, overrides] = await Promise.all([
    similarArticles(db, articleId, CANDIDATES),
    db.selectFrom("articles").select(["section_id", "published_at"]).where("id", "=", articleId).executeTakeFirst(),
    db
      .selectFrom("related_overrides as o")
      .innerJoin("articles as a", "a.id", "o.related_id")
      .select(["o.related_id", "o.kind", "o.position", "a.status"])
      .where("o.article_id", "=", articleId)
      .orderBy("o.position")
      .execute(),
  ]);
  if (!self) return [];
  const ids = relatedCandidateIds(articleId, similar, overrides);
  const [details, shared] = ids.length
    ? await Promise.all([
        db
          .selectFrom("articles")
          .select(["id", "section_id", "published_at"])
          .where("id", "in", ids)
          .where("status", "=", "published")
          .execute(),
        db
          .selectFrom("article_tags")
          .select((eb) => ["article_id", eb.fn.countAll<number>().as("shared")])
          .where("article_id", "in", ids)
          .where("tag_id", "in", (eb) =>
            eb.selectFrom("article_tags").select("tag_id").where("article_id", "=", articleId),
          )
          .groupBy("article_id")
          .execute(),
      ])
    : [[], []];
  const { ranked, taken } = composeRelated(
    {
      articleId,
      similar,
      self,
      overrides,
      details: new Map(details.map((d) => [d.id, d])),
      sharedTags: new Map(shared.map((s) => [s.article_id, Number(s.shared)])),
    },
    limit,
  );
  if (ranked.length >= limit) return ranked;
  // Too little shares its words (a short or unusual story): the section's newest stories fill the rest.
  const fill = await db
    .selectFrom("articles")
    .select("id")
    .where("section_id", "=", self.section_id)
    .where("status", "=", "published")
    .where("id", "not in", taken)
    .orderBy("published_at", "desc")
    .limit(limit - ranked.length)
    .execute();
  return [...ranked, ...fill.map((r) => ({ id: r.id, score: 0 }))];
}

/**
 * Ranks and stores the related lists of the given articles; returns those whose list changed
 * (their pages show it), or, with `compare: false` (a rebuild of everything), all of them.
 */
export async function refreshRelatedArticles(
  db: Db,
  articleIds: number[],
  keep = RELATED_KEPT,
  options: { compare?: boolean } = {},
): Promise<number[]> {
  if (options.compare === false) {
    for (const id of articleIds) await storeRelated(db, id, await rankRelated(db, id, keep));
    return articleIds;
  }
  const changed: number[] = [];
  if (articleIds.length === 0) return changed;
  // The lists as they are, in one query, to tell which pages a refresh changes.
  const before = new Map<number, number[]>();
  const rows = await db
    .selectFrom("article_related")
    .select(["article_id", "related_id"])
    .where("article_id", "in", articleIds)
    .orderBy("article_id")
    .orderBy("position")
    .execute();
  for (const r of rows) before.set(r.article_id, [...(before.get(r.article_id) ?? []), r.related_id]);
  for (const id of articleIds) {
    const ranked = await rankRelated(db, id, keep);
    if ((before.get(id) ?? []).join() !== ranked.map((r) => r.id).join()) changed.push(id);
    await storeRelated(db, id, ranked);
  }
  return changed;
}

/**
 * Stores a list ranked elsewhere (on a read thread, before this write transaction) if the article
 * is still published; true when the stored list changed.
 */
export async function storeRankedRelated(db: Db, id: number, ranked: { id: number; score: number }[]) {
  if ((await stillPublished(db, [id])).length === 0) return false;
  const before = await db
    .selectFrom("article_related")
    .select("related_id")
    .where("article_id", "=", id)
    .orderBy("position")
    .execute();
  if (before.map((r) => r.related_id).join() === ranked.map((r) => r.id).join()) return false;
  await storeRelated(db, id, ranked);
  return true;
}

async function storeRelated(db: Db, id: number, ranked: { id: number; score: number }[]) {
  await db.deleteFrom("article_related").where("article_id", "=", id).execute();
  if (ranked.length === 0) return;
  await db
    .insertInto("article_related")
    .values(
      ranked.map((r, position) => ({
        article_id: id,
        position,
        related_id: r.id,
        score: Number.isFinite(r.score) ? r.score : 999,
      })),
    )
    .execute();
}

/** Those of `ids` still published (a list is kept only for a published article). */
export async function stillPublished(db: Db, ids: number[]): Promise<number[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom("articles")
    .select("id")
    .where("id", "in", ids)
    .where("status", "=", "published")
    .execute();
  return rows.map((r) => r.id);
}
