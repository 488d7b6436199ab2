import type { Kysely } from "kysely";
import { MORNING_HEADLINES } from "../briefings/briefing.queries.js";
import type { Database } from "../database.js";
import type { Config } from "../platform/config.js";
import { JOBS, type JobDeps, createJobRunner, jobSchedules } from "../jobs.js";
import { loadNewsletterSchedules } from "../newsletters/newsletter-schedules.js";
import type { Job } from "../platform/jobs/job.js";
import { enqueue, getJob, getJobByKey } from "../platform/jobs/job.queries.js";
import { compileSchedule, nextOccurrence, occurrenceKey, scheduleKey } from "../platform/jobs/schedule.js";
import { zonedIsoDate } from "../platform/time.js";
import { BREAKING_NEWS } from "../newsletters/breaking-alert.js";
import { composeDigest, findDigestNewsletter } from "../newsletters/digest-edition.js";
import { countDeliveries } from "../newsletters/delivery.queries.js";
import { composeMorningHeadlines } from "../newsletters/edition.js";
import { scheduleDelivery } from "../newsletters/resume-edition.js";
import { VIDEO_NEWSLETTER, composeVideoEdition } from "../newsletters/video-edition.js";

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

/** What a newsletter's slug names: one of the three built in, a digest an admin added, or nothing. */
async function resolve(db: Kysely<Database>, slug: string | undefined, out: (line: string) => void) {
  if (slug === MORNING_HEADLINES) return { kind: MORNING_HEADLINES } as const;
  if (slug === VIDEO_NEWSLETTER) return { kind: VIDEO_NEWSLETTER } as const;
  if (slug === BREAKING_NEWS) {
    out('Breaking news alerts go when an editor publishes a breaking story with "alert subscribers".');
    return undefined;
  }
  const digest = slug ? await findDigestNewsletter(db, slug) : undefined;
  if (digest) return { kind: "digest", digest } as const;
  const slugs = await db
    .selectFrom("newsletters")
    .select("slug")
    .where("kind", "!=", "alert")
    .orderBy("position")
    .execute();
  out(`No newsletter "${slug ?? ""}" to compose. Choose one of: ${slugs.map((r) => r.slug).join(", ")}.`);
  return undefined;
}

export async function newsletterCompose(
  db: Kysely<Database>,
  config: Config,
  slug: string | undefined,
  now: Date,
  out: (line: string) => void,
): Promise<number> {
  const target = await resolve(db, slug, out);
  if (!target) return 1;
  const input = { now, timeZone: config.timeZone };
  const result = await db
    .transaction()
    .execute((trx) =>
      target.kind === MORNING_HEADLINES
        ? composeMorningHeadlines(trx, input)
        : target.kind === VIDEO_NEWSLETTER
          ? composeVideoEdition(trx, input)
          : composeDigest(trx, target.digest, input),
    );
  const name =
    target.kind === "digest"
      ? target.digest.name
      : target.kind === VIDEO_NEWSLETTER
        ? "Video newsletter"
        : "Morning Headlines";
  if (result.status === "empty") out(`Nothing new was published for ${name}: no edition today.`);
  else if (result.status === "exists") out(`Today's ${name} edition already exists; it was left as it is.`);
  else out(`Composed today's ${name} with ${result.items} ${target.kind === VIDEO_NEWSLETTER ? "videos" : "stories"}.`);
  return 0;
}

/**
 * Sends a newsletter's edition through the same durable job as its schedule: `--now` composes
 * today's edition if needed and sends it here, waiting; otherwise the edition is queued for the
 * newsletter's next send time and the running site sends it.
 */
export async function newsletterSend(
  deps: JobDeps,
  slug: string | undefined,
  options: { now: boolean },
  out: (line: string) => void,
): Promise<number> {
  const { db, config } = deps;
  const target = await resolve(db, slug, out);
  if (!target || !slug) return 1;
  const editionDate = zonedIsoDate(deps.now(), config.timeZone);
  if (!options.now) {
    const schedule = jobSchedules(config, await loadNewsletterSchedules(db)).find(
      (sc) => (sc.key ?? sc.name) === scheduleKeyOf(slug),
    );
    if (!schedule) {
      out(`${slug} has no send time; set one in the newsroom, or send it now with --now.`);
      return 1;
    }
    const runAt = nextOccurrence(compileSchedule(schedule), deps.now())!;
    const job = await enqueue(db, schedule.name, schedule.payload?.(runAt) ?? {}, {
      runAt,
      key: occurrenceKey(scheduleKey(schedule), runAt),
      now: deps.now(),
    });
    out(`Queued for ${job.runAt.toISOString()} (job ${job.id}); the running site sends it.`);
    return 0;
  }
  // Today's edition already under way or sent: take it up again (what waits goes now) and send it to
  // confirmed subscribers who have not had it; otherwise the same job as the schedule.
  const edition = await db
    .selectFrom("briefings")
    .select(["id", "send_status"])
    .where("newsletter", "=", slug)
    .where("edition_date", "=", editionDate)
    .executeTakeFirst();
  const key = `${slug}/${editionDate}`;
  const before = (await countDeliveries(db, [key])).get(key)!;
  const resuming = edition?.send_status === "sending" || edition?.send_status === "sent";
  let job: Job;
  if (edition && resuming) {
    await db
      .updateTable("deliveries")
      .set({ retry_at: null })
      .where("edition", "=", key)
      .where("status", "=", "queued")
      .execute();
    job = await scheduleDelivery(db, { editionId: edition.id, addRecipients: true }, deps.now(), deps.now(), "resume");
  } else {
    const [name, payload, base] =
      target.kind === MORNING_HEADLINES
        ? [JOBS.send, { newsletter: slug, editionDate }, `${JOBS.send}@cli:${editionDate}`]
        : target.kind === VIDEO_NEWSLETTER
          ? [JOBS.video, { editionDate }, `${JOBS.video}@cli:${editionDate}`]
          : [JOBS.digest, { newsletter: slug, editionDate }, `${JOBS.digest}:${slug}@cli:${editionDate}`];
    // A job of that key that already finished (a failed send) is history: this is a new request.
    const previous = await getJobByKey(db, base);
    const fresh = previous && ["succeeded", "failed", "cancelled"].includes(previous.status);
    // Stamped with the clock the runner below reads, so the job is due at once.
    job = await enqueue(db, name, payload, {
      key: fresh ? `${base}@${deps.now().toISOString()}` : base,
      now: deps.now(),
    });
  }
  const finished = await runUntilDone(deps, job, out);
  if (!finished) return 1;
  // The job's own note says what happened (sent, empty day, held, paused).
  const note = finished.progress?.message;
  if (note && note !== "sending") out(note);
  const after = (await countDeliveries(db, [key])).get(key)!;
  if (resuming && edition?.send_status === "sent") {
    const more = after.delivered - before.delivered;
    out(
      more > 0
        ? `Today's ${slug} edition had gone to ${before.delivered}; sent it to ${more} more confirmed subscribers who had not had it.`
        : `Today's ${slug} edition has already gone to every confirmed subscriber who can receive it (${after.delivered}): nothing more to send.`,
    );
  }
  const waiting =
    after.waiting > 0
      ? `, ${after.waiting} waiting (the running site tries them again from ${after.nextRetryAt ?? "now"}; or run this command again)`
      : "";
  out(`Today's ${slug} edition: ${after.delivered} sent${waiting}, ${after.failed} failed.`);
  return 0;
}

/** Runs the job in this process until it is finished; undefined (and says why) if it failed. */
async function runUntilDone(deps: JobDeps, job: Job, out: (line: string) => void): Promise<Job | undefined> {
  const { db } = deps;
  const runner = await createJobRunner({ ...deps, schedules: false });
  for (;;) {
    await runner.tick();
    await runner.idle();
    const current = await getJob(db, job.id);
    if (!current || current.status === "succeeded") return current;
    if (current.status === "failed" || current.status === "cancelled") {
      out(`The send ${current.status}: ${current.lastError ?? ""}`);
      return undefined;
    }
    if (current.status === "running" && runner.activeCount === 0) {
      // Claimed by another process, or by one that died: its lease has to run out first.
      const until = current.lockedUntil ?? deps.now();
      out(`Another process holds this send until ${until.toISOString()}; waiting for it to finish or lapse.`);
      await new Promise((r) => setTimeout(r, Math.max(1000, Math.min(until.getTime() - Date.now() + 100, 60_000))));
    } else if (current.status === "queued" && current.runAt > deps.now()) {
      out(`The send could not go on yet (${current.lastError ?? ""}); trying again at ${current.runAt.toISOString()}.`);
      await new Promise((r) => setTimeout(r, Math.min(current.runAt.getTime() - Date.now(), 60_000)));
    }
  }
}

const scheduleKeyOf = (slug: string) =>
  slug === MORNING_HEADLINES ? JOBS.send : slug === VIDEO_NEWSLETTER ? JOBS.video : `${JOBS.digest}:${slug}`;
