import { MORNING_HEADLINES } from "../briefings/briefing.queries.js";
import type { Db } from "../database.js";
import { composeMorningHeadlines } from "../newsletters/edition.js";
import { startOfZonedDay, zonedDayRange, zonedIsoDate } from "../platform/time.js";

const DAY = 86_400_000;
/** Sent editions before today's: enough for the archive and the "latest edition" link. */
const PAST_EDITIONS = 2;

/**
 * The demo's Morning Headlines: the last days' editions already sent (to nobody: no one has
 * subscribed yet) and public, and today's composed but not sent, so a new user can change it, hold
 * it and send it from the newsroom or with `newsletter send morning-headlines --now`. Seeded before
 * 06:00, the day's schedule sends it like any other.
 */
export async function seedDemoEditions(
  db: Db,
  input: { now: Date; timeZone: string; articles: { id: number; publishedAt: Date; line: string }[] },
): Promise<void> {
  const today = startOfZonedDay(input.now, input.timeZone);
  for (let back = PAST_EDITIONS; back >= 1; back--) {
    const editionDate = zonedIsoDate(new Date(today.getTime() - back * DAY + DAY / 2), input.timeZone);
    const sentAt = new Date(zonedDayRange(editionDate, input.timeZone).start.getTime() + 6 * 3600_000);
    const picks = input.articles
      .filter((a) => a.publishedAt < sentAt && a.publishedAt.getTime() >= sentAt.getTime() - DAY)
      .sort((x, y) => y.publishedAt.getTime() - x.publishedAt.getTime())
      .slice(0, 8);
    const at = sentAt.toISOString();
    const edition = await db
      .insertInto("briefings")
      .values({
        newsletter: MORNING_HEADLINES,
        edition_date: editionDate,
        intro: "Good morning. Here is what you need to know today, in one line each.",
        status: "published",
        published_at: at,
        created_at: at,
        updated_at: at,
        send_status: "sent",
        sent_at: at,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    for (const [position, a] of picks.entries()) {
      await db
        .insertInto("briefing_items")
        .values({ briefing_id: edition.id, position, article_id: a.id, line: a.line })
        .execute();
    }
  }
  await composeMorningHeadlines(db, { now: input.now, timeZone: input.timeZone });
}
