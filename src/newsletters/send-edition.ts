import { type Kysely, sql } from "kysely";
import type { Database, Db } from "../database.js";
import type { PageInvalidator } from "../pages/page-layer.js";
import { pageTags } from "../pages/page-tags.js";
import type { Mailer } from "../platform/mail/mailer.js";
import { loadEdition } from "./edition.js";
import { type EditionEmail, PREFERENCES_SLOT, UNSUBSCRIBE_SLOT, editionEmail } from "./email/edition-email.js";
import type { NewsletterLinks } from "./newsletter-links.js";

// Sending an edition is resumable and never sends twice: every recipient gets a delivery row
// (edition, subscriber) before anything is sent — one INSERT … SELECT that a restart repeats
// harmlessly — and rows are marked sent right after the SMTP server accepts their messages: one
// UPDATE after another, each taking the acceptances (up to `markGroup`) that arrived while the
// previous one ran, so the grouping costs no waiting (`markDelayMs` adds a wait, for A/B). A
// crash or a kill loses nothing: the next run sends only what is still queued, with the same
// Message-ID; what was accepted but not yet marked goes again (docs/adr/008 bounds that window).

/** What sending needs from the mail platform (its MailError says whether trying again can help). */
export type EditionMailer = Pick<Mailer, "send" | "prepare">;

export const MAX_ATTEMPTS = 5;
export const BOUNCE_LIMIT = 3;

/** Thrown when some messages could not go yet (4xx, lost connection): retry the run later. */
export class TransientSendError extends Error {
  constructor(readonly waiting: number) {
    super(`${waiting} messages could not be sent yet; the send will resume`);
  }
}

export interface SendResult {
  status: "sent" | "held" | "missing" | "empty" | "paused";
  sent: number;
  failed: number;
}

export interface SendDeps {
  db: Kysely<Database>;
  mailer: EditionMailer;
  links: NewsletterLinks;
  site: { name: string; url: string; timeZone: string };
  now: () => Date;
  /** The site's pages: an edition that becomes a page drops the archive's and the rails' copies. */
  pages?: PageInvalidator | undefined;
}

const isPermanent = (err: unknown) =>
  typeof err === "object" && err !== null && (err as { kind?: unknown }).kind === "permanent";

/** An edition ready to go: its deliveries key, its rendered email and where its sending stands. */
export interface OutgoingEdition {
  briefingId: number;
  /** The key deliveries are recorded under ("morning-headlines/2026-11-29", "breaking-news/article-42"). */
  key: string;
  sendStatus: "pending" | "held" | "sending" | "sent";
  email: EditionEmail;
  /** The edition becomes a public web page once sent (the Morning Headlines archive). */
  publishesPage: boolean;
}

export interface DeliverOptions {
  batchSize?: number;
  concurrency?: number;
  /** Accepted messages are marked sent in groups of at most this many (docs/adr/008). */
  markGroup?: number;
  /**
   * How long a group waits for more acceptances before its UPDATE. 0 (the default) writes as soon as
   * the previous UPDATE is done, grouping what arrived meanwhile: the narrowest window (docs/adr/008).
   */
  markDelayMs?: number;
  onProgress?: (done: number, total: number) => void;
}

/** Sends today's Morning Headlines edition (compose it first). */
export async function sendEdition(
  deps: SendDeps,
  input: { newsletter: string; editionDate: string } & DeliverOptions,
): Promise<SendResult> {
  const edition = await loadEdition(deps.db, {
    editionDate: input.editionDate,
    siteName: deps.site.name,
    timeZone: deps.site.timeZone,
  });
  if (!edition) return { status: "missing", sent: 0, failed: 0 };
  if (edition.sendStatus === "held") return { status: "held", sent: 0, failed: 0 };
  if (!edition.lead) return { status: "empty", sent: 0, failed: 0 };
  const { newsletter, editionDate: _date, ...options } = input;
  return deliverEdition(
    deps,
    newsletter,
    {
      briefingId: edition.briefingId,
      key: edition.key,
      sendStatus: edition.sendStatus,
      email: editionEmail(edition, deps.site),
      publishesPage: true,
    },
    options,
  );
}

/**
 * Sends an edition of any newsletter to its confirmed subscribers, resumably (see above). A held
 * edition or a paused newsletter sends nothing.
 */
export async function deliverEdition(
  deps: SendDeps,
  newsletterSlug: string,
  edition: OutgoingEdition,
  options: DeliverOptions = {},
): Promise<SendResult> {
  const { db } = deps;
  const { batchSize = 500, concurrency = 8, markGroup = 32, markDelayMs = 0 } = options;
  if (edition.sendStatus === "held") return { status: "held", sent: 0, failed: 0 };
  const newsletter = await db
    .selectFrom("newsletters")
    .select(["id", "slug", "name", "status"])
    .where("slug", "=", newsletterSlug)
    .executeTakeFirstOrThrow();
  if (newsletter.status === "paused" && edition.sendStatus !== "sending" && edition.sendStatus !== "sent") {
    return { status: "paused", sent: 0, failed: 0 };
  }
  const host = new URL(deps.site.url).hostname;
  // Render once, send many (docs/adr/008): the edition's headers and bodies are checked and built once; each
  // copy only gets its recipient's address, Message-ID, List-Unsubscribe and links. A message the mailer
  // refuses fails here, before anything is queued, not as a "bounce" for every subscriber.
  const message = await deps.mailer.prepare({
    subject: edition.email.subject,
    html: edition.email.html,
    text: edition.email.text,
    listId: { id: `${newsletter.slug}.${host}`, name: newsletter.name },
    slots: [PREFERENCES_SLOT, UNSUBSCRIBE_SLOT],
  });

  if (edition.sendStatus !== "sent") {
    const editionDate = await db.transaction().execute(async (trx) => {
      const at = deps.now().toISOString();
      const row = await trx
        .updateTable("briefings")
        .set(
          edition.publishesPage
            ? { send_status: "sending", status: "published", published_at: sql`coalesce(published_at, ${at})` }
            : { send_status: "sending" },
        )
        .where("id", "=", edition.briefingId)
        .returning("edition_date")
        .executeTakeFirstOrThrow();
      await queueRecipients(trx, edition.key, newsletter.id, host, at);
      return row.edition_date;
    });
    // The edition is a page from now on: the archive, the sitemap and the rails show it.
    if (edition.publishesPage) {
      await deps.pages?.invalidate([pageTags.edition(newsletter.slug, editionDate), pageTags.editions]);
    }
  }

  const counts = async () => {
    const rows = await db
      .selectFrom("deliveries")
      .select((eb) => ["status", eb.fn.countAll<number>().as("n")])
      .where("edition", "=", edition.key)
      .groupBy("status")
      .execute();
    const by = new Map(rows.map((r) => [r.status, Number(r.n)]));
    return { sent: by.get("sent") ?? 0, failed: by.get("failed") ?? 0, queued: by.get("queued") ?? 0 };
  };
  const start = await counts();
  const total = start.sent + start.failed + start.queued;
  let done = start.sent + start.failed;
  let waiting = 0;
  let after = 0;
  const marks = new SentMarks((ids) => markSent(db, edition.key, ids, deps.now()), markGroup, markDelayMs);

  for (;;) {
    const batch = await db
      .selectFrom("deliveries as d")
      .innerJoin("subscribers as s", "s.id", "d.subscriber_id")
      .select(["d.subscriber_id", "d.message_id", "d.attempts", "s.email"])
      .where("d.edition", "=", edition.key)
      .where("d.status", "=", "queued")
      .where("d.subscriber_id", ">", after)
      .orderBy("d.subscriber_id")
      .limit(batchSize)
      .execute();
    if (batch.length === 0) break;
    after = batch.at(-1)!.subscriber_id;

    let next = 0;
    const worker = async () => {
      for (let i = next++; i < batch.length; i = next++) {
        const r = batch[i]!;
        const unsubscribe = deps.links.unsubscribe(r.subscriber_id, newsletter.slug);
        try {
          await message.send({
            to: r.email,
            messageId: r.message_id,
            listUnsubscribe: {
              url: unsubscribe,
              mailto: deps.links.mailtoUnsubscribe(r.subscriber_id, newsletter.slug),
            },
            substitutions: {
              [PREFERENCES_SLOT]: deps.links.preferences(r.subscriber_id),
              [UNSUBSCRIBE_SLOT]: unsubscribe,
            },
          });
          marks.add(r.subscriber_id);
          done += 1;
        } catch (err) {
          const message = err instanceof Error ? err.message.slice(0, 500) : String(err);
          if (isPermanent(err) || r.attempts + 1 >= MAX_ATTEMPTS) {
            await db.transaction().execute(async (trx) => {
              await markFailed(trx, edition.key, r.subscriber_id, message, deps.now());
              if (isPermanent(err)) await recordBounce(trx, r.subscriber_id, deps.now());
            });
            done += 1;
          } else {
            await db
              .updateTable("deliveries")
              .set({ attempts: r.attempts + 1, last_error: message, updated_at: deps.now().toISOString() })
              .where("edition", "=", edition.key)
              .where("subscriber_id", "=", r.subscriber_id)
              .execute();
            waiting += 1;
          }
        }
        options.onProgress?.(done, total);
      }
    };
    try {
      await Promise.all(Array.from({ length: Math.min(concurrency, batch.length) }, worker));
    } finally {
      // Whatever happened, what the server accepted is recorded before this run gives up.
      await marks.settle();
    }
  }

  if (waiting > 0) throw new TransientSendError(waiting);
  await db
    .updateTable("briefings")
    .set({ send_status: "sent", sent_at: deps.now().toISOString() })
    .where("id", "=", edition.briefingId)
    .where("send_status", "=", "sending")
    .execute();
  const end = await counts();
  return { status: "sent", sent: end.sent, failed: end.failed };
}

/**
 * Accepted messages waiting to be marked sent. With no delay, one UPDATE runs after another while
 * acceptances arrive, each taking up to `group` of those waiting; with a delay, a group is written
 * when full or `delayMs` after its first message. Writes run one after another; a failed write is
 * reported by settle().
 */
class SentMarks {
  private ids: number[] = [];
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> | undefined;
  private chain: Promise<void> = Promise.resolve();
  private failure: unknown;

  constructor(
    private readonly write: (ids: number[]) => Promise<void>,
    private readonly group: number,
    private readonly delayMs = 20,
  ) {}

  add(id: number): void {
    this.ids.push(id);
    if (this.delayMs === 0) this.writing ??= this.drain();
    else if (this.ids.length >= this.group) void this.flush();
    else this.timer ??= setTimeout(() => void this.flush(), this.delayMs);
  }

  /** No delay: one UPDATE after another while acceptances wait, each taking what arrived meanwhile. */
  private async drain(): Promise<void> {
    await Promise.resolve(); // the acceptances of this turn join the first group
    while (this.ids.length > 0) {
      const ids = this.ids.splice(0, this.group);
      this.chain = this.chain.then(() =>
        this.write(ids).catch((err: unknown) => {
          this.failure ??= err;
        }),
      );
      await this.chain;
    }
    this.writing = undefined;
  }

  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const ids = this.ids.splice(0);
    if (ids.length > 0) {
      this.chain = this.chain.then(() =>
        this.write(ids).catch((err: unknown) => {
          this.failure ??= err;
        }),
      );
    }
    return this.chain;
  }

  async settle(): Promise<void> {
    while (this.writing) await this.writing;
    await this.flush();
    if (this.failure !== undefined) throw this.failure;
  }
}

/** A delivery row for every confirmed, active, unpaused subscriber; repeating it adds nothing. */
async function queueRecipients(db: Db, key: string, newsletterId: number, host: string, at: string) {
  await db
    .insertInto("deliveries")
    .columns(["edition", "subscriber_id", "status", "attempts", "message_id", "updated_at"])
    .expression((eb) =>
      eb
        .selectFrom("subscriptions as sub")
        .innerJoin("subscribers as s", "s.id", "sub.subscriber_id")
        .where("sub.newsletter_id", "=", newsletterId)
        .where("sub.status", "=", "confirmed")
        .where("s.status", "=", "active")
        .where("s.paused", "=", 0)
        .select([
          sql.lit(key).as("edition"),
          "s.id",
          sql.lit("queued").as("status"),
          sql.lit(0).as("attempts"),
          sql<string>`${`<${key.replace("/", ".")}.`} || s.id || ${`@${host}>`}`.as("message_id"),
          sql.lit(at).as("updated_at"),
        ]),
    )
    .onConflict((oc) => oc.columns(["edition", "subscriber_id"]).doNothing())
    .execute();
}

async function markSent(db: Db, edition: string, subscriberIds: number[], now: Date) {
  await db
    .updateTable("deliveries")
    .set((eb) => ({
      status: "sent",
      attempts: eb("attempts", "+", 1),
      last_error: null,
      updated_at: now.toISOString(),
    }))
    .where("edition", "=", edition)
    .where("subscriber_id", "in", subscriberIds)
    .execute();
}

async function markFailed(db: Db, edition: string, subscriberId: number, error: string, now: Date) {
  await db
    .updateTable("deliveries")
    .set((eb) => ({
      status: "failed",
      attempts: eb("attempts", "+", 1),
      last_error: error,
      updated_at: now.toISOString(),
    }))
    .where("edition", "=", edition)
    .where("subscriber_id", "=", subscriberId)
    .execute();
}

/** A permanent failure counts as a bounce; after a few the address stops receiving anything. */
async function recordBounce(db: Db, subscriberId: number, now: Date) {
  await db
    .updateTable("subscribers")
    .set((eb) => ({
      bounces: eb("bounces", "+", 1),
      status: sql`case when bounces + 1 >= ${BOUNCE_LIMIT} and status = 'active' then 'bouncing' else status end`,
      updated_at: now.toISOString(),
    }))
    .where("id", "=", subscriberId)
    .execute();
}
