import type { Db } from "../database.js";
import { MORNING_HEADLINES } from "../briefings/briefing.queries.js";
import type { Schedule } from "../platform/jobs/schedule.js";
import { zonedIsoDate } from "../platform/time.js";
import { BUILT_IN_NEWSLETTERS } from "./digest-edition.js";
import { NEWSLETTER_JOB_NAMES } from "./job-names.js";

/** A newsletter's send time as the newsroom set it (newsletters.send_cron; null: not scheduled). */
export interface NewsletterSchedule {
  slug: string;
  sendCron: string | null;
}

export async function loadNewsletterSchedules(db: Db): Promise<NewsletterSchedule[]> {
  const rows = await db
    .selectFrom("newsletters")
    .select(["slug", "send_cron", "kind"])
    .where("kind", "!=", "alert")
    .orderBy("id")
    .execute();
  return rows.map((r) => ({ slug: r.slug, sendCron: r.send_cron }));
}

/**
 * The newsletters' schedules: the Morning Headlines composed at 05:30, then one send per scheduled
 * newsletter. The Morning Headlines and the Video newsletter keep their own jobs; every other
 * newsletter is a digest, scheduled under its own key (`newsletter.digest:<slug>@<time>`) so two at
 * the same minute are two jobs.
 */
export function newsletterSchedules(tz: string, newsletters: NewsletterSchedule[]): Schedule[] {
  const { compose, send, video, digest } = NEWSLETTER_JOB_NAMES;
  const schedules: Schedule[] = [
    {
      name: compose,
      cron: "30 5 * * *",
      timeZone: tz,
      payload: (fireTime) => ({ newsletter: MORNING_HEADLINES, editionDate: zonedIsoDate(fireTime, tz) }),
    },
  ];
  for (const { slug, sendCron } of newsletters) {
    if (!sendCron) continue;
    if (slug === MORNING_HEADLINES) {
      schedules.push({
        name: send,
        cron: sendCron,
        timeZone: tz,
        payload: (fireTime) => ({ newsletter: MORNING_HEADLINES, editionDate: zonedIsoDate(fireTime, tz) }),
      });
    } else if (slug === "video") {
      schedules.push({
        name: video,
        cron: sendCron,
        timeZone: tz,
        payload: (fireTime) => ({ editionDate: zonedIsoDate(fireTime, tz) }),
      });
    } else if (!BUILT_IN_NEWSLETTERS.has(slug)) {
      schedules.push({
        name: digest,
        key: `${digest}:${slug}`,
        cron: sendCron,
        timeZone: tz,
        payload: (fireTime) => ({ newsletter: slug, editionDate: zonedIsoDate(fireTime, tz) }),
      });
    }
  }
  return schedules;
}
