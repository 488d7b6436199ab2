import { sql } from "kysely";
import type { Db } from "../database.js";
import type { SourceKind } from "./audience.table.js";
import { addToRollups } from "./rollup-writes.js";
import { inChunks } from "../platform/db/in-chunks.js";

// The one place the audience desk's counts are written (the counter calls it every few seconds).
// Counts are added to the rows already there (upserts), so any number of instances may flush the
// same minute. Beacons are untrusted: rows for an article id that is not in the database are
// dropped, so nobody can fill the tables with made-up stories.

export interface CountRow {
  /** The minute or the day, by table. */
  period: string;
  article_id: number;
  source: SourceKind | "";
  referrer: string;
  views: number;
  engaged_seconds: number;
  signups: number;
}

export interface AudienceBatch {
  minutes: CountRow[];
  days: (CountRow & { campaign: string })[];
  /** `on`: the article of the visit (for the site-wide row, -1, too). */
  visitors: { day: string; article_id: number; visitor: string; on: number }[];
  presence: { page_view: string; article_id: number; source: string; referrer: string; seen_at: string }[];
  /** Sign-ups by the path of the page they were made on, resolved to articles here. */
  signups: { path: string; minute: string; day: string }[];
}

const CHUNK = 400;

/** The article a site path names ("/politics/some-story"), or 0. */
async function articlesByPath(db: Db, paths: string[]): Promise<Map<string, number>> {
  const wanted = new Map<string, { section: string; slug: string }>();
  for (const path of new Set(paths)) {
    const m = /^\/([a-z0-9-]+)\/([a-z0-9-]+)\/?$/.exec(path.split(/[?#]/)[0] ?? "");
    if (m) wanted.set(path, { section: m[1]!, slug: m[2]! });
  }
  const found = new Map<string, number>();
  if (wanted.size === 0) return found;
  const rows = await db
    .selectFrom("articles as a")
    .innerJoin("sections as s", "s.id", "a.section_id")
    .select(["a.id", "a.slug", "s.slug as section"])
    .where(
      "a.slug",
      "in",
      [...wanted.values()].map((w) => w.slug),
    )
    .execute();
  for (const [path, w] of wanted) {
    const row = rows.find((r) => r.slug === w.slug && r.section === w.section);
    if (row) found.set(path, row.id);
  }
  return found;
}

export async function writeAudienceBatch(db: Db, batch: AudienceBatch): Promise<void> {
  const byPath = await articlesByPath(
    db,
    batch.signups.map((s) => s.path),
  );
  const minutes = [...batch.minutes];
  const days = [...batch.days];
  for (const s of batch.signups) {
    const article_id = byPath.get(s.path) ?? 0;
    const counts = { article_id, source: "" as const, referrer: "", views: 0, engaged_seconds: 0, signups: 1 };
    minutes.push({ period: s.minute, ...counts });
    days.push({ period: s.day, campaign: "", ...counts });
  }
  const ids = [
    ...new Set(
      [...minutes, ...batch.visitors.map((v) => ({ article_id: v.on })), ...batch.presence]
        .map((r) => r.article_id)
        .filter((id) => id > 0),
    ),
  ];
  // Each known article's section, for the section rollup.
  const known = new Map<number, number>();
  await inChunks(ids, CHUNK, async (part) => {
    for (const r of await db.selectFrom("articles").select(["id", "section_id"]).where("id", "in", part).execute())
      known.set(r.id, r.section_id);
  });
  const keep = (id: number) => id <= 0 || known.has(id);
  const keptMinutes = minutes.filter((r) => keep(r.article_id));
  const keptDays = days.filter((r) => keep(r.article_id));

  await db.transaction().execute(async (trx) => {
    await inChunks(keptMinutes, CHUNK, (part) =>
      trx
        .insertInto("audience_minutes")
        .values(part.map(({ period, ...r }) => ({ minute: period, ...r })))
        .onConflict((oc) =>
          oc.columns(["minute", "article_id", "source", "referrer"]).doUpdateSet({
            views: sql<number>`audience_minutes.views + excluded.views`,
            engaged_seconds: sql<number>`audience_minutes.engaged_seconds + excluded.engaged_seconds`,
            signups: sql<number>`audience_minutes.signups + excluded.signups`,
          }),
        )
        .execute(),
    );
    await inChunks(keptDays, CHUNK, (part) =>
      trx
        .insertInto("audience_days")
        .values(part.map(({ period, ...r }) => ({ day: period, ...r })))
        .onConflict((oc) =>
          oc.columns(["day", "article_id", "source", "referrer", "campaign"]).doUpdateSet({
            views: sql<number>`audience_days.views + excluded.views`,
            engaged_seconds: sql<number>`audience_days.engaged_seconds + excluded.engaged_seconds`,
            signups: sql<number>`audience_days.signups + excluded.signups`,
          }),
        )
        .execute(),
    );
    await addToRollups(trx, keptMinutes, keptDays, known);
    await inChunks(
      batch.visitors.filter((r) => keep(r.on)),
      CHUNK,
      (part) =>
        trx
          .insertInto("audience_visitors")
          .values(part.map(({ on: _on, ...r }) => r))
          .onConflict((oc) => oc.columns(["day", "article_id", "visitor"]).doNothing())
          .execute(),
    );
    await inChunks(
      batch.presence.filter((r) => keep(r.article_id)),
      CHUNK,
      (part) =>
        trx
          .insertInto("audience_presence")
          .values(part)
          .onConflict((oc) =>
            oc.column("page_view").doUpdateSet({
              article_id: sql<number>`excluded.article_id`,
              source: sql<string>`excluded.source`,
              referrer: sql<string>`excluded.referrer`,
              seen_at: sql<string>`excluded.seen_at`,
            }),
          )
          .execute(),
    );
  });
}
