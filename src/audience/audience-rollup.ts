import { sql } from "kysely";
import type { Db } from "../database.js";
import { minuteOf } from "./audience-counter.js";
import { moveRollupWindows } from "./rollup-writes.js";

// Keeps the audience tables small (docs/adr/029): a day's visitor hashes become one count per
// article (and one for the site) as soon as the day is over, and the hashes and the day's salt are
// deleted in the same transaction; minutes older than 48 hours and presence older than five
// minutes go; the running 7- and 30-day windows move to the new day. Safe to run at any time and on several instances: a day already reduced has no
// hashes left to count.

export const MINUTES_KEPT_HOURS = 48;
export const PRESENCE_SECONDS = 5 * 60;

export async function rollUpAudience(
  db: Db,
  options: { now: Date; today: string },
): Promise<{ days: string[]; windows: number[] }> {
  const { now, today } = options;
  const closed = (
    await db.selectFrom("audience_visitors").select("day").distinct().where("day", "<", today).execute()
  ).map((r) => r.day);
  for (const day of closed) {
    await db.transaction().execute(async (trx) => {
      const counts = await trx
        .selectFrom("audience_visitors")
        .select(["article_id", (eb) => eb.fn.countAll<number>().as("visitors")])
        .where("day", "=", day)
        .groupBy("article_id")
        .execute();
      for (let i = 0; i < counts.length; i += 500) {
        await trx
          .insertInto("audience_day_visitors")
          .values(
            counts.slice(i, i + 500).map((c) => ({ day, article_id: c.article_id, visitors: Number(c.visitors) })),
          )
          .onConflict((oc) =>
            oc
              .columns(["day", "article_id"])
              .doUpdateSet({ visitors: sql<number>`audience_day_visitors.visitors + excluded.visitors` }),
          )
          .execute();
      }
      await trx.deleteFrom("audience_visitors").where("day", "=", day).execute();
    });
  }
  await db.deleteFrom("audience_salts").where("day", "<", today).execute();
  const oldest = minuteOf(new Date(now.getTime() - MINUTES_KEPT_HOURS * 3600_000));
  await db.deleteFrom("audience_minutes").where("minute", "<", oldest).execute();
  await db.deleteFrom("audience_site_minutes").where("minute", "<", oldest).execute();
  // The 7- and 30-day windows move to the new day once, just after midnight (docs/adr/037).
  const windows = await moveRollupWindows(db, today);
  await db
    .deleteFrom("audience_presence")
    .where("seen_at", "<", new Date(now.getTime() - PRESENCE_SECONDS * 1000).toISOString())
    .execute();
  return { days: closed, windows };
}
