import { type Transaction, sql } from "kysely";
import type { Database } from "../database.js";
import { dialectOf } from "../platform/db/dialect-of.js";
import { inChunks } from "../platform/db/in-chunks.js";
import type { CountRow } from "./audience-writes.js";
import { addDays } from "./periods.js";

// The screens' rollups (docs/adr/037), added to by the flush in the transaction that writes the
// detailed rows, so a reader never sees one without the other. Rows are summed here first and
// written in key order: two instances flushing at once take their row locks in the same order.

type Trx = Transaction<Database>;
interface Sums {
  views: number;
  engaged_seconds: number;
  signups: number;
}

const CHUNK = 400;

function sumInto<K extends object>(map: Map<string, K & Sums>, key: string, make: () => K, row: Sums) {
  let out = map.get(key);
  if (!out) map.set(key, (out = { ...make(), views: 0, engaged_seconds: 0, signups: 0 }));
  out.views += row.views;
  out.engaged_seconds += row.engaged_seconds;
  out.signups += row.signups;
}

const sorted = <T>(map: Map<string, T>): T[] =>
  [...map].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, v]) => v);

// `views = views + excluded.views` for each of the three counts.
const addCounts = (table: string) => ({
  views: sql<number>`${sql.ref(`${table}.views`)} + excluded.views`,
  engaged_seconds: sql<number>`${sql.ref(`${table}.engaged_seconds`)} + excluded.engaged_seconds`,
  signups: sql<number>`${sql.ref(`${table}.signups`)} + excluded.signups`,
});

async function upsert<T extends Sums>(
  trx: Trx,
  table:
    | "audience_site_days"
    | "audience_article_days"
    | "audience_section_days"
    | "audience_site_minutes"
    | "audience_period_articles",
  key: string[],
  rows: T[],
): Promise<void> {
  await inChunks(rows, CHUNK, (part) =>
    trx
      .insertInto(table)
      .values(part as never)
      .onConflict((oc) => oc.columns(key as never).doUpdateSet(addCounts(table) as never))
      .execute(),
  );
}

/**
 * Adds a flush's counts to the rollups. `sections` maps each article of the batch to its section;
 * `days` and `minutes` hold only rows already checked against the articles table.
 */
export async function addToRollups(
  trx: Trx,
  minutes: CountRow[],
  days: (CountRow & { campaign: string })[],
  sections: Map<number, number>,
): Promise<void> {
  const site = new Map<string, Sums & { day: string; source: string; referrer: string; campaign: string }>();
  const articles = new Map<string, Sums & { day: string; article_id: number }>();
  const bySection = new Map<string, Sums & { day: string; section_id: number }>();
  for (const r of days) {
    const day = r.period;
    sumInto(
      site,
      `${day}|${r.source}|${r.referrer}|${r.campaign}`,
      () => ({ day, source: r.source, referrer: r.referrer, campaign: r.campaign }),
      r,
    );
    if (r.article_id <= 0) continue;
    sumInto(articles, `${day}|${String(r.article_id).padStart(10, "0")}`, () => ({ day, article_id: r.article_id }), r);
    const section_id = sections.get(r.article_id);
    if (section_id !== undefined)
      sumInto(bySection, `${day}|${String(section_id).padStart(10, "0")}`, () => ({ day, section_id }), r);
  }
  const siteMinutes = new Map<string, Sums & { minute: string }>();
  for (const r of minutes) sumInto(siteMinutes, r.period, () => ({ minute: r.period }), r);

  await upsert(trx, "audience_site_days", ["day", "source", "referrer", "campaign"], sorted(site));
  await upsert(trx, "audience_article_days", ["day", "article_id"], sorted(articles));
  await upsert(trx, "audience_section_days", ["day", "section_id"], sorted(bySection));
  await upsert(trx, "audience_site_minutes", ["minute"], sorted(siteMinutes));

  // The running windows: a share lock on their end days, so a rebuild (which updates them) waits
  // for this flush to commit and then sums its rows, and a flush after the rebuild adds to the new window.
  let periods = trx.selectFrom("audience_periods").select(["span", "end_day"]);
  if (dialectOf(trx) === "postgres") periods = periods.forShare();
  for (const p of await periods.execute()) {
    if (!p.end_day) continue;
    const first = addDays(p.end_day, -(p.span - 1));
    const inWindow = new Map<string, Sums & { span: number; article_id: number }>();
    for (const r of articles.values())
      if (r.day >= first && r.day <= p.end_day)
        sumInto(
          inWindow,
          String(r.article_id).padStart(10, "0"),
          () => ({ span: p.span, article_id: r.article_id }),
          r,
        );
    await upsert(trx, "audience_period_articles", ["span", "article_id"], sorted(inWindow));
  }
}

/**
 * Moves the running windows to end on `today` when they end on another day: each article's totals
 * from the day rollups, in one transaction per window. Idempotent: a window already ending today
 * is left alone (the flush keeps it current).
 */
export async function moveRollupWindows(db: import("../database.js").Db, today: string): Promise<number[]> {
  const moved: number[] = [];
  const spans = await db.selectFrom("audience_periods").select(["span", "end_day"]).execute();
  for (const { span } of spans) {
    const did = await db.transaction().execute(async (trx) => {
      // The update takes the row lock first (flushes hold it shared), then reads under it.
      const taken = await trx
        .updateTable("audience_periods")
        .set({ end_day: today })
        .where("span", "=", span)
        .where("end_day", "!=", today)
        .executeTakeFirst();
      if (Number(taken.numUpdatedRows) === 0) return false;
      await trx.deleteFrom("audience_period_articles").where("span", "=", span).execute();
      await trx
        .insertInto("audience_period_articles")
        .columns(["span", "article_id", "views", "engaged_seconds", "signups"])
        .expression((eb) =>
          eb
            .selectFrom("audience_article_days")
            .select((s) => [
              sql.lit(span).as("span"),
              "article_id",
              s.fn.sum<number>("views").as("views"),
              s.fn.sum<number>("engaged_seconds").as("engaged_seconds"),
              s.fn.sum<number>("signups").as("signups"),
            ])
            .where("day", ">=", addDays(today, -(span - 1)))
            .where("day", "<=", today)
            .groupBy("article_id"),
        )
        .execute();
      return true;
    });
    if (did) moved.push(span);
  }
  return moved;
}
