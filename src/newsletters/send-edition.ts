import { type Kysely, sql } from "kysely";
import type { Database } from "../database.js";
import { JobInterruptedError } from "../platform/jobs/job-handler.js";
import type { PageInvalidator } from "../platform/cache/page-invalidator.js";
import { pageTags } from "../pages/page-tags.js";
import type { Mailer } from "../platform/mail/mailer.js";
import { DELIVERY_MAX_ATTEMPTS, deliveryRetryDelayMs, sendFailure } from "./delivery-retry.js";
import {
  countDeliveries,
  dueDeliveries,
  markFailed,
  markSent,
  markSkipped,
  markWaiting,
  queueRecipients,
  recordBounce,
} from "./delivery.queries.js";
import { markBouncing } from "./delivery-report.queries.js";
import { loadEdition } from "./edition.js";
import { markEditionSent } from "./edition-sent.js";
import { tagEditionLinks } from "./edition-links.js";
import { type EditionEmail, PREFERENCES_SLOT, UNSUBSCRIBE_SLOT, editionEmail } from "./email/edition-email.js";
import type { NewsletterLinks } from "./newsletter-links.js";
import { scheduleDelivery } from "./resume-edition.js";
import { takeEditionLease } from "./send-lease.js";
import { SentMarks } from "./sent-marks.js";

// Sending an edition is resumable and never sends twice: every recipient gets a delivery row
// (edition, subscriber) before anything is sent — one INSERT … SELECT that a restart repeats
// harmlessly — and rows are marked sent right after the SMTP server accepts their messages: one
// UPDATE after another, each taking the acceptances (up to `markGroup`) that arrived while the
// previous one ran, each sender waiting for its own mark before it takes the next recipient. A crash
// or a kill loses nothing: the next run sends only what is still queued, with the same Message-ID;
// what was accepted but not yet marked (at most one message per sender) goes again (docs/adr/008).
// A temporary failure leaves the delivery queued with its next try time (delivery-retry.ts), and the
// send queues the `newsletter.deliver` job for the earliest one; one sender at a time holds the
// edition's lease, so a resume, a schedule and the command line never send it at once.

/** What sending needs from the mail platform (its MailError says whether trying again can help). */
export type EditionMailer = Pick<Mailer, "send" | "prepare">;

export interface SendResult {
  /** waiting: some deliveries wait for their next try (a job is queued for it); busy: another sender holds it. */
  status: "sent" | "waiting" | "busy" | "held" | "missing" | "empty" | "paused";
  sent: number;
  failed: number;
  waiting: number;
  /** When the waiting deliveries are tried next (waiting), or when the other sender's lease ends (busy). */
  nextRetryAt: string | null;
}

const nothing = (status: SendResult["status"], nextRetryAt: string | null = null): SendResult => ({
  status,
  sent: 0,
  failed: 0,
  waiting: 0,
  nextRetryAt,
});

export interface SendDeps {
  db: Kysely<Database>;
  mailer: EditionMailer;
  links: NewsletterLinks;
  site: { name: string; url: string; timeZone: string };
  now: () => Date;
  /** The site's pages: an edition that becomes a page drops the archive's and the rails' copies. */
  pages?: PageInvalidator | undefined;
  /**
   * True once the job runner is stopping (SIGTERM): the senders finish the messages they hold, their
   * marks are written, and the send ends with JobInterruptedError so another runner goes on at once.
   */
  stopping?: (() => boolean) | undefined;
  /** Told of each message the mail server accepted or refused for good (metrics). */
  onMessage?: ((outcome: "sent" | "failed") => void) | undefined;
  /** The job runner this send runs in: the edition's lease names it, so its death frees the lease. */
  runnerId?: string | undefined;
}

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
  /**
   * Whether a sender waits for its message's mark before taking the next recipient (default true):
   * what bounds the copies a kill can repeat to `concurrency`. false only for A/B runs.
   */
  markWait?: boolean;
  /** Queue confirmed subscribers with no delivery yet even if the edition was sent (an explicit send). */
  addRecipients?: boolean;
  /** How long the edition's send lease lasts without renewal (default 60 s; renewed every third of it). */
  leaseMs?: number;
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
  if (!edition) return nothing("missing");
  if (edition.sendStatus === "held") return nothing("held");
  if (!edition.lead) return nothing("empty");
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
  const { batchSize = 500, concurrency = 8, markGroup = 32, markDelayMs = 0, markWait = true } = options;
  const leaseMs = options.leaseMs ?? 60_000;
  if (edition.sendStatus === "held") return nothing("held");
  const newsletter = await db
    .selectFrom("newsletters")
    .select(["id", "slug", "name", "status", "reply_to"])
    .where("slug", "=", newsletterSlug)
    .executeTakeFirstOrThrow();
  if (newsletter.status === "paused" && edition.sendStatus !== "sending" && edition.sendStatus !== "sent") {
    return nothing("paused");
  }
  const host = new URL(deps.site.url).hostname;
  // Render once, send many (docs/adr/008): the edition's headers and bodies are checked and built once; each
  // copy only gets its recipient's address, Message-ID, List-Unsubscribe and links. A message the mailer
  // refuses fails here, before anything is queued, not as a "bounce" for every subscriber.
  const email = tagEditionLinks(edition.email, deps.site.url, edition.key);
  const message = await deps.mailer.prepare({
    subject: email.subject,
    html: email.html,
    text: email.text,
    listId: { id: `${newsletter.slug}.${host}`, name: newsletter.name },
    headers: { "Feedback-ID": feedbackId(edition.key, newsletter.slug, host) },
    ...(newsletter.reply_to ? { replyTo: newsletter.reply_to } : {}),
    slots: [PREFERENCES_SLOT, UNSUBSCRIBE_SLOT],
  });

  const lease = await takeEditionLease(db, edition.briefingId, { leaseMs, now: deps.now, runnerId: deps.runnerId });
  if ("busyUntil" in lease) return nothing("busy", lease.busyUntil);

  let halted = false;
  let interrupted = false;
  try {
    if (edition.sendStatus !== "sent" || options.addRecipients) {
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
          .where("send_status", "!=", "held")
          .returning("edition_date")
          .executeTakeFirst();
        await queueRecipients(trx, edition.key, newsletter.id, host, at);
        return row?.edition_date;
      });
      // The edition is a page from now on: the archive, the sitemap and the rails show it.
      if (edition.publishesPage && editionDate) {
        await deps.pages?.invalidate([pageTags.edition(newsletter.slug, editionDate), pageTags.editions]);
      }
    }

    const start = (await countDeliveries(db, [edition.key])).get(edition.key)!;
    const total = start.delivered + start.failed + start.waiting;
    let done = start.delivered + start.failed;
    let after = 0;
    const marks = new SentMarks((ids) => markSent(db, edition.key, ids, deps.now()), markGroup, markDelayMs);
    const stopped = () =>
      halted || lease.lost || lease.held || marks.failed || (interrupted ||= deps.stopping?.() === true);

    for (;;) {
      await lease.checkHeld();
      if (stopped()) break;
      const due = await dueDeliveries(db, {
        key: edition.key,
        newsletterId: newsletter.id,
        after,
        now: deps.now().toISOString(),
        limit: batchSize,
      });
      if (due.length === 0) break;
      after = due.at(-1)!.subscriber_id;
      const skipped = due.filter((r) => !r.eligible).map((r) => r.subscriber_id);
      await markSkipped(db, edition.key, skipped, deps.now());
      const batch = due.filter((r) => r.eligible);

      let next = 0;
      const worker = async () => {
        for (let i = next++; i < batch.length && !stopped(); i = next++) {
          const r = batch[i]!;
          const unsubscribe = deps.links.unsubscribe(r.subscriber_id, newsletter.slug, edition.briefingId);
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
            const marked = marks.add(r.subscriber_id);
            done += 1;
            deps.onMessage?.("sent");
            if (markWait) await marked;
          } catch (err) {
            const failure = sendFailure(err);
            const attempts = r.attempts + 1;
            const now = deps.now();
            if (failure.permanent || attempts >= DELIVERY_MAX_ATTEMPTS) {
              const why = failure.permanent ? failure.message : `gave up after ${attempts} tries: ${failure.message}`;
              await db.transaction().execute(async (trx) => {
                await markFailed(trx, edition.key, r.subscriber_id, why, now);
                // RFC 3463 5.1.x at RCPT TO: no such mailbox or domain, so nothing more goes there (docs/adr/018);
                // other refusals (5.7.x policy, a message too large…) count toward the limit of three.
                if (failure.permanent && failure.command === "RCPT TO" && /\b5\.1\.\d{1,3}\b/.test(failure.message))
                  await markBouncing(trx, r.subscriber_id, now);
                else if (failure.permanent) await recordBounce(trx, r.subscriber_id, now);
              });
              done += 1;
              deps.onMessage?.("failed");
            } else {
              const retryAt = new Date(now.getTime() + deliveryRetryDelayMs(attempts));
              await markWaiting(db, edition.key, r.subscriber_id, failure.message, retryAt, now);
              // No reply at all: the server is away, and every other message would fail the same way.
              // Stop here rather than spend a try of every recipient on it.
              if (failure.serverAway) halted = true;
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
  } finally {
    await lease.release();
  }
  if (interrupted && !lease.lost && !lease.held) throw new JobInterruptedError(`The send of ${edition.key}`);

  const end = (await countDeliveries(db, [edition.key])).get(edition.key)!;
  const counts = { sent: end.delivered, failed: end.failed, waiting: end.waiting };
  if (lease.lost) return { status: "busy", ...counts, nextRetryAt: null };
  if (lease.held) return { status: "held", ...counts, nextRetryAt: null };
  if (end.waiting > 0) {
    // The next run: at the earliest try a waiting delivery has (those never tried are due by then too).
    const fallback = new Date(deps.now().getTime() + deliveryRetryDelayMs(1)).toISOString();
    const nextRetryAt = end.nextRetryAt ?? fallback;
    await scheduleDelivery(db, { editionId: edition.briefingId }, new Date(nextRetryAt), deps.now());
    return { status: "waiting", ...counts, nextRetryAt };
  }
  const sent = { newsletter, subject: email.subject, publishesPage: edition.publishesPage, siteUrl: deps.site.url };
  const deliveries = { delivered: end.delivered, failed: end.failed };
  await markEditionSent(db, { briefingId: edition.briefingId, ...sent, deliveries }, deps.now());
  return { status: "sent", ...counts, nextRetryAt: null };
}

/**
 * Feedback-ID (Gmail's feedback loop; DKIM-signed, src/platform/mail/dkim.ts): campaign, newsletter, kind of
 * mail, sender — "2026-11-29:morning-headlines:newsletter:news.example" — so complaint rates are reported per
 * newsletter and per edition.
 */
export function feedbackId(editionKey: string, newsletterSlug: string, host: string): string {
  const campaign = editionKey.slice(editionKey.indexOf("/") + 1).replace(/[^\w.-]/g, "-");
  return `${campaign}:${newsletterSlug}:newsletter:${host}`;
}
