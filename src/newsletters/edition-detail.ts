import { articlePath } from "../articles/article.js";
import { MORNING_HEADLINES, briefingTitle } from "../briefings/briefing.queries.js";
import { formatEditionDate, zonedDayRange, zonedIsoDate } from "../platform/time.js";
import type { Db } from "../database.js";
import { BREAKING_NEWS } from "./breaking-alert.js";
import { type DeliveryCounts, countDeliveries } from "./delivery.queries.js";
import { type ReportCounts, countDeliveryReports, noReports } from "./delivery-report.queries.js";
import { type EditionRow, editionKey } from "./editions.js";
import { editionSendsAt, findNewsletterSchedule } from "./next-edition.js";
import { VIDEO_NEWSLETTER } from "./video-edition.js";

// An edition as the newsroom API answers it: its state, delivery counts and items.

type Item = { id: number; position: number; title: string; line: string; url: string | null };

async function editionItems(db: Db, row: EditionRow): Promise<Item[]> {
  if (row.newsletter === VIDEO_NEWSLETTER) {
    const rows = await db
      .selectFrom("briefing_videos as i")
      .innerJoin("videos as v", "v.id", "i.video_id")
      .select(["i.video_id", "i.position", "i.line", "v.title", "v.slug"])
      .where("i.briefing_id", "=", row.id)
      .orderBy("i.position")
      .execute();
    return rows.map((r) => ({
      id: r.video_id,
      position: r.position,
      title: r.title,
      line: r.line,
      url: `/video/${r.slug}`,
    }));
  }
  const query = db
    .selectFrom("articles as a")
    .innerJoin("sections as s", "s.id", "a.section_id")
    .select(["a.id", "a.headline", "a.standfirst", "a.slug", "a.status", "s.slug as section"]);
  if (row.newsletter === BREAKING_NEWS && row.article_id !== null) {
    const a = await query.where("a.id", "=", row.article_id).executeTakeFirst();
    return a
      ? [{ id: a.id, position: 0, title: a.headline, line: a.standfirst, url: articlePath(a.section, a.slug) }]
      : [];
  }
  const rows = await query
    .innerJoin("briefing_items as i", "i.article_id", "a.id")
    .select(["i.position", "i.line"])
    .where("i.briefing_id", "=", row.id)
    .orderBy("i.position")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    position: r.position,
    title: r.headline,
    line: r.line,
    url: r.status === "published" ? articlePath(r.section, r.slug) : null,
  }));
}

/**
 * Where an edition's sending stands, as the newsroom shows it. Never simply "sent" while a delivery
 * waits or failed: retrying (waiting for the next try), sent-with-failures, failed (nobody got it).
 */
export type EditionState = "pending" | "held" | "sending" | "retrying" | "sent" | "sent-with-failures" | "failed";

export function editionState(row: Pick<EditionRow, "send_status">, counts: DeliveryCounts, now: Date): EditionState {
  if (row.send_status === "pending" || row.send_status === "held") return row.send_status;
  if (counts.waiting > 0) {
    return counts.nextRetryAt !== null && counts.nextRetryAt > now.toISOString() ? "retrying" : "sending";
  }
  if (row.send_status === "sending") return "sending";
  if (counts.failed > 0) return counts.delivered > 0 ? "sent-with-failures" : "failed";
  return "sent";
}

export function summary(row: EditionRow, counts: DeliveryCounts, now: Date, reports: ReportCounts = noReports()) {
  const { nextRetryAt, ...deliveries } = counts;
  return {
    id: row.id,
    newsletter: row.newsletter,
    editionDate: row.edition_date.slice(0, 10),
    articleId: row.article_id,
    status: editionState(row, counts, now),
    published: row.status === "published",
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at ?? row.created_at,
    sentAt: row.sent_at,
    /** delivered: accepted by our SMTP server. */
    deliveries,
    /** What came back after acceptance (docs/adr/018): bounces by kind, and complaints. */
    reports,
    /** When the waiting deliveries are tried next. */
    nextRetryAt,
  };
}

/**
 * One edition with its items, its title as subscribers read it, and when its schedule sends it
 * (`sendsAt`: null when held, paused, unscheduled or its day's send time has passed); `upcoming` when
 * it was composed ahead for a later day (it cannot be sent now, only on its day).
 */
export async function detail(db: Db, row: EditionRow, now: Date, site: { siteName: string; timeZone: string }) {
  const { timeZone } = site;
  const key = editionKey(row);
  const counts = (await countDeliveries(db, [key])).get(key)!;
  const reports = (await countDeliveryReports(db, [key])).get(key);
  const editionDate = row.edition_date.slice(0, 10);
  const alert = row.newsletter === BREAKING_NEWS;
  const waitsForSchedule = row.send_status === "pending" && !alert;
  const schedule = waitsForSchedule ? await findNewsletterSchedule(db, row.newsletter) : undefined;
  const newsletter = await db
    .selectFrom("newsletters")
    .select("name")
    .where("slug", "=", row.newsletter)
    .executeTakeFirst();
  return {
    ...summary(row, counts, now, reports),
    title: editionTitle(site.siteName, row.newsletter, newsletter?.name ?? row.newsletter, editionDate, timeZone),
    sendsAt: waitsForSchedule ? editionSendsAt(schedule, editionDate, now, timeZone) : null,
    upcoming: !alert && editionDate > zonedIsoDate(now, timeZone),
    intro: row.intro,
    items: await editionItems(db, row),
  };
}

/** "London Daily Morning Headlines - Wednesday, May 1 2024" (the reference page's form); others "Name - date". */
function editionTitle(siteName: string, slug: string, name: string, editionDate: string, timeZone: string): string {
  if (slug === MORNING_HEADLINES) return briefingTitle(siteName, editionDate, timeZone);
  return `${name} - ${formatEditionDate(zonedDayRange(editionDate, timeZone).start, timeZone)}`;
}
