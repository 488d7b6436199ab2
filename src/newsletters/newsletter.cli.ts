import type { Kysely } from "kysely";
import { MORNING_HEADLINES } from "../briefings/briefing.queries.js";
import type { Database } from "../database.js";
import type { Config } from "../platform/config.js";
import { JOBS, type JobDeps, createJobRunner, jobSchedules } from "../jobs.js";
import { enqueue, getJob } from "../platform/jobs/job.queries.js";
import { compileSchedule, nextOccurrence, occurrenceKey } from "../platform/jobs/schedule.js";
import { zonedIsoDate } from "../platform/time.js";
import { composeMorningHeadlines } from "./edition.js";

// `london-daily newsletter …`: what operators need without the newsroom.

export async function newsletterList(db: Kysely<Database>, out: (line: string) => void): Promise<number> {
  const rows = await db
    .selectFrom("newsletters as n")
    .leftJoin("subscriptions as s", (join) =>
      join.onRef("s.newsletter_id", "=", "n.id").on("s.status", "=", "confirmed"),
    )
    .select((eb) => [
      "n.slug",
      "n.name",
      "n.kind",
      "n.send_cron",
      "n.status",
      eb.fn.count<number>("s.subscriber_id").as("confirmed"),
    ])
    .groupBy(["n.id", "n.slug", "n.name", "n.kind", "n.send_cron", "n.status", "n.position"])
    .orderBy("n.position")
    .execute();
  out("newsletter           kind    schedule      status  confirmed subscribers");
  for (const r of rows) {
    out(
      `${r.slug.padEnd(20)} ${r.kind.padEnd(7)} ${(r.send_cron ?? "on alert").padEnd(13)} ${r.status.padEnd(7)} ${Number(r.confirmed)}`,
    );
  }
  return 0;
}

export async function newsletterCompose(
  db: Kysely<Database>,
  config: Config,
  slug: string | undefined,
  now: Date,
  out: (line: string) => void,
): Promise<number> {
  if (slug !== MORNING_HEADLINES) {
    out(`Only ${MORNING_HEADLINES} is composed automatically (got "${slug ?? ""}").`);
    return 1;
  }
  const result = await db
    .transaction()
    .execute((trx) => composeMorningHeadlines(trx, { now, timeZone: config.timeZone }));
  if (result.status === "empty") out("Nothing was published in the last 24 hours: no edition today.");
  else if (result.status === "exists") out("Today's edition already exists; it was left as it is.");
  else out(`Composed today's Morning Headlines with ${result.items} stories.`);
  return 0;
}

/**
 * Sends today's edition through the same durable job as the 06:00 schedule: `--now` runs it here
 * and waits; otherwise it is queued for the next 06:00 and the running site sends it.
 */
export async function newsletterSend(
  deps: JobDeps,
  slug: string | undefined,
  options: { now: boolean },
  out: (line: string) => void,
): Promise<number> {
  if (slug !== MORNING_HEADLINES) {
    out(`Only ${MORNING_HEADLINES} can be sent from here so far (got "${slug ?? ""}").`);
    return 1;
  }
  const { db, config } = deps;
  const editionDate = zonedIsoDate(deps.now(), config.timeZone);
  if (!options.now) {
    const schedule = jobSchedules(config).find((sc) => sc.name === JOBS.send)!;
    const runAt = nextOccurrence(compileSchedule(schedule), deps.now())!;
    const job = await enqueue(
      db,
      JOBS.send,
      { newsletter: slug, editionDate: zonedIsoDate(runAt, config.timeZone) },
      { runAt, key: occurrenceKey(JOBS.send, runAt) },
    );
    out(`Queued for ${job.runAt.toISOString()} (job ${job.id}); the running site sends it.`);
    return 0;
  }
  const composed = await db
    .transaction()
    .execute((trx) => composeMorningHeadlines(trx, { now: deps.now(), timeZone: config.timeZone }));
  if (composed.status === "empty") {
    out("Nothing was published in the last 24 hours: no edition, nothing sent.");
    return 0;
  }
  const job = await enqueue(
    db,
    JOBS.send,
    { newsletter: slug, editionDate },
    { key: `${JOBS.send}@cli:${editionDate}` },
  );
  const runner = await createJobRunner({ ...deps, schedules: false });
  for (;;) {
    await runner.tick();
    await runner.idle();
    const current = await getJob(db, job.id);
    if (!current || current.status === "succeeded") break;
    if (current.status === "failed" || current.status === "cancelled") {
      out(`The send ${current.status}: ${current.lastError ?? ""}`);
      return 1;
    }
    if (current.status === "running" && runner.activeCount === 0) {
      // Claimed by another process, or by one that died: its lease has to run out first.
      const until = current.lockedUntil ?? deps.now();
      out(`Another process holds this send until ${until.toISOString()}; waiting for it to finish or lapse.`);
      await new Promise((r) => setTimeout(r, Math.max(1000, Math.min(until.getTime() - Date.now() + 100, 60_000))));
    } else if (current.status === "queued" && current.runAt > deps.now()) {
      out(`Some messages could not go yet (${current.lastError ?? ""}); retrying at ${current.runAt.toISOString()}.`);
      await new Promise((r) => setTimeout(r, Math.min(current.runAt.getTime() - Date.now(), 60_000)));
    }
  }
  const counts = await db
    .selectFrom("deliveries")
    .select((eb) => ["status", eb.fn.countAll<number>().as("n")])
    .where("edition", "=", `${MORNING_HEADLINES}/${editionDate}`)
    .groupBy("status")
    .execute();
  const by = Object.fromEntries(counts.map((c) => [c.status, Number(c.n)]));
  out(`Sent today's Morning Headlines: ${by.sent ?? 0} sent, ${by.failed ?? 0} failed.`);
  return 0;
}
