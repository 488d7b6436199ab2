import { sql } from "kysely";
import type { Db } from "../database.js";

// The banner's reads and writes. Every raise and take-down moves `banner_state.rev` in its
// transaction with `UPDATE … SET rev = rev + 1 … RETURNING`, which holds the one row until commit:
// changes commit in rev order on both engines, as live blogs' do (docs/adr/028).

export interface Banner {
  id: number;
  text: string;
  url: string;
  live: boolean;
  articleId: number | null;
  raisedAt: Date;
  raisedBy: number | null;
  expiresAt: Date | null;
  loweredAt: Date | null;
}

/** The site's banner state: its counter and the banner up now (expired or not: the reader decides). */
export interface BannerState {
  rev: number;
  banner: Banner | null;
}

export interface NewBanner {
  text: string;
  url: string;
  live: boolean;
  articleId?: number | null;
  expiresAt: Date | null;
}

const columns = [
  "b.id",
  "b.text",
  "b.url",
  "b.live",
  "b.article_id",
  "b.raised_at",
  "b.raised_by",
  "b.expires_at",
  "b.lowered_at",
] as const;

type Row = {
  id: number;
  text: string;
  url: string;
  live: number | boolean;
  article_id: number | null;
  raised_at: string;
  raised_by: number | null;
  expires_at: string | null;
  lowered_at: string | null;
};

const toBanner = (row: Row): Banner => ({
  id: row.id,
  text: row.text,
  url: row.url,
  live: Boolean(row.live),
  articleId: row.article_id,
  raisedAt: new Date(row.raised_at),
  raisedBy: row.raised_by,
  expiresAt: row.expires_at ? new Date(row.expires_at) : null,
  loweredAt: row.lowered_at ? new Date(row.lowered_at) : null,
});

export async function findBannerState(db: Db): Promise<BannerState> {
  const row = await db
    .selectFrom("banner_state as s")
    .leftJoin("banners as b", "b.id", "s.banner_id")
    .select(["s.rev", ...columns])
    .where("s.id", "=", 1)
    .executeTakeFirst();
  if (!row) return { rev: 0, banner: null };
  return { rev: row.rev, banner: row.id === null ? null : toBanner(row as Row) };
}

/** Takes the next rev and points the state at `bannerId` (or none); call inside the change's transaction. */
async function moveState(trx: Db, bannerId: number | null): Promise<number> {
  const row = await trx
    .updateTable("banner_state")
    .set({ rev: sql<number>`rev + 1`, banner_id: bannerId })
    .where("id", "=", 1)
    .returning("rev")
    .executeTakeFirstOrThrow();
  return row.rev;
}

/** Raises a banner (the one up before, if any, comes down with it). Inside a transaction. */
export async function insertBanner(trx: Db, input: NewBanner, by: number | null, now: Date): Promise<Banner> {
  const at = now.toISOString();
  await trx.updateTable("banners").set({ lowered_at: at, lowered_by: by }).where("lowered_at", "is", null).execute();
  const { id } = await trx
    .insertInto("banners")
    .values({
      text: input.text,
      url: input.url,
      live: input.live ? 1 : 0,
      article_id: input.articleId ?? null,
      raised_at: at,
      raised_by: by,
      expires_at: input.expiresAt?.toISOString() ?? null,
      lowered_at: null,
      lowered_by: null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await moveState(trx, id);
  const row = await trx.selectFrom("banners as b").select(columns).where("b.id", "=", id).executeTakeFirstOrThrow();
  return toBanner(row);
}

/** Takes the banner down; false when none was up. Inside a transaction. */
export async function lowerBanner(trx: Db, by: number | null, now: Date): Promise<Banner | null> {
  const state = await findBannerState(trx);
  if (!state.banner) return null;
  await trx
    .updateTable("banners")
    .set({ lowered_at: now.toISOString(), lowered_by: by })
    .where("id", "=", state.banner.id)
    .execute();
  await moveState(trx, null);
  return state.banner;
}

/** The newsroom's history, newest first. */
export async function listRecentBanners(db: Db, limit = 20): Promise<Banner[]> {
  const rows = await db.selectFrom("banners as b").select(columns).orderBy("b.id", "desc").limit(limit).execute();
  return rows.map(toBanner);
}
