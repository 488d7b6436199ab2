import type { Kysely } from "kysely";
import type { Database, Db } from "../../src/database.js";
import { createJobRunner } from "../../src/jobs.js";
import type { Config } from "../../src/platform/config.js";
import { createMailer } from "../../src/platform/mail/mailer.js";
import type { MailInbox } from "./mail-inbox.js";

/** A reader subscribed to one newsletter (by slug), confirmed unless said otherwise. */
export async function subscribeTo(
  db: Db,
  email: string,
  newsletter: string,
  status: "confirmed" | "pending" = "confirmed",
): Promise<void> {
  const at = "2026-06-01T00:00:00Z";
  await db
    .insertInto("subscribers")
    .values({ email, created_at: at, updated_at: at })
    .onConflict((oc) => oc.column("email").doNothing())
    .execute();
  const person = await db.selectFrom("subscribers").select("id").where("email", "=", email).executeTakeFirstOrThrow();
  const list = await db.selectFrom("newsletters").select("id").where("slug", "=", newsletter).executeTakeFirstOrThrow();
  await db
    .insertInto("subscriptions")
    .values({ subscriber_id: person.id, newsletter_id: list.id, status, created_at: at, updated_at: at })
    .execute();
}

/** `count` new readers, `reader<n>@example.org`, confirmed on one newsletter (by id), in batches of 500. */
export async function confirmedReaders(db: Db, newsletterId: number, count: number, at: string): Promise<void> {
  for (let i = 0; i < count; i += 500) {
    const people = await db
      .insertInto("subscribers")
      .values(
        Array.from({ length: Math.min(500, count - i) }, (_, k) => ({
          email: `reader${i + k}@example.org`,
          created_at: at,
          updated_at: at,
        })),
      )
      .returning("id")
      .execute();
    await db
      .insertInto("subscriptions")
      .values(
        people.map((p) => ({
          subscriber_id: p.id,
          newsletter_id: newsletterId,
          status: "confirmed",
          created_at: at,
          updated_at: at,
        })),
      )
      .execute();
  }
}

/** The app's job runner on an injected clock, mailing to a test inbox; run() is one poll, run to idle. */
export async function inboxJobRunner(
  input: { db: Kysely<Database>; config: Config; inbox: MailInbox },
  now: () => Date,
  schedules = false,
) {
  const mailer = createMailer({ ...input.config, smtpUrl: input.inbox.url });
  const runner = await createJobRunner({ db: input.db, config: input.config, mailer, now, pollMs: 5, schedules });
  return {
    async run() {
      await runner.tick();
      await runner.idle();
    },
    async stop() {
      await runner.stop();
      await mailer.close();
    },
  };
}
