import type { Kysely } from "kysely";
import type { Database } from "../database.js";
import { readDeliveryReport } from "../platform/mail/delivery-reports.js";
import { type InboundLogger, type InboundServer, startInboundServer } from "../platform/mail/inbound.js";
import { recordBounce } from "./delivery.queries.js";
import { findDeliveryByMessageId, markBouncing, recordDeliveryReport } from "./delivery-report.queries.js";
import { type NewsletterLinks, unsubscribeMailbox } from "./newsletter-links.js";
import { unsubscribe } from "./subscription-changes.js";
import { unsubscribeByMail } from "./unsubscribe-mailbox.js";

// The bounce address (MAIL_BOUNCE_ADDRESS, every message's envelope sender) read by our own listener
// (docs/adr/018). A DSN (RFC 3464) or an ARF complaint (RFC 5965) is matched to the delivery by the
// Message-ID we set on it, which the report returns; the report must also name that delivery's recipient
// (or, for a complaint whose recipient the provider redacted, carry that subscriber's signed unsubscribe
// token in the returned List-Unsubscribe), so a forged report cannot act on someone else's address.

export interface BounceMailDeps {
  db: Kysely<Database>;
  links: NewsletterLinks;
  now: () => Date;
  logger: InboundLogger;
}

export type ReportResult =
  | "hard-bounce"
  | "soft-bounce"
  | "complaint"
  | "repeat"
  | "not-a-report"
  | "unknown-message"
  | "recipient-mismatch"
  | "not-failed";

/** What one message to the bounce address does. Always taken (250): a bounce address never bounces. */
export async function handleDeliveryReport(deps: BounceMailDeps, raw: Buffer): Promise<ReportResult> {
  const report = await readDeliveryReport(raw);
  const log = (result: ReportResult, detail: object = {}) => {
    deps.logger.info({ result, ...detail }, "delivery report");
    return result;
  };
  if (!report) return log("not-a-report");
  const delivery = report.messageId ? await findDeliveryByMessageId(deps.db, report.messageId) : undefined;
  if (!delivery) return log("unknown-message", { messageId: report.messageId });
  const now = deps.now();
  const base = { edition: delivery.edition, subscriberId: delivery.subscriber_id, at: now };

  if (report.kind === "bounce") {
    const failure = report.failed.find((f) => f.recipient === delivery.email);
    if (!failure) return log(report.failed.length ? "recipient-mismatch" : "not-failed", { edition: delivery.edition });
    const kind = failure.severity === "hard" ? "hard-bounce" : "soft-bounce";
    return deps.db.transaction().execute(async (trx) => {
      const fresh = await recordDeliveryReport(trx, {
        ...base,
        kind,
        status: failure.status,
        detail: failure.diagnostic,
      });
      if (!fresh) return log("repeat", { edition: delivery.edition, kind });
      // Hard (5.x.x): the address will never take mail; soft (4.x.x: a full mailbox…): only after repeats.
      if (kind === "hard-bounce") await markBouncing(trx, delivery.subscriber_id, now);
      else await recordBounce(trx, delivery.subscriber_id, now);
      return log(kind, { edition: delivery.edition, subscriberId: delivery.subscriber_id, status: failure.status });
    });
  }

  const token = report.listUnsubscribe ? deps.links.readMailUnsubscribe(safeDecode(report.listUnsubscribe)) : undefined;
  const ours = report.recipient ? report.recipient === delivery.email : token?.subscriberId === delivery.subscriber_id;
  if (!ours) return log("recipient-mismatch", { edition: delivery.edition });
  return deps.db.transaction().execute(async (trx) => {
    const fresh = await recordDeliveryReport(trx, {
      ...base,
      kind: "complaint",
      status: report.feedbackType,
      detail: "",
    });
    if (!fresh) return log("repeat", { edition: delivery.edition, kind: "complaint" });
    // Someone who calls our mail spam wants none of it: every newsletter ends, at once.
    await unsubscribe(trx, { subscriberId: delivery.subscriber_id, newsletterId: "all", now, via: "complaint" });
    return log("complaint", { edition: delivery.edition, subscriberId: delivery.subscriber_id });
  });
}

const safeDecode = (value: string) => {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
};

/**
 * The listener for our own mailboxes (INBOUND_SMTP_PORT): unsubscribe@<site host> always, and the bounce
 * address when there is one. Reports are larger than unsubscribe mail (the returned message), so up to 256 KB.
 */
export function startNewsletterMailboxes(
  deps: BounceMailDeps & { siteUrl: string; bounceAddress: string | undefined },
  listen: { host: string; port: number },
): Promise<InboundServer> {
  const unsubscribeAddress = unsubscribeMailbox(deps.siteUrl);
  const bounceAddress = deps.bounceAddress?.toLowerCase();
  return startInboundServer({
    ...listen,
    maxBytes: 256 * 1024,
    name: new URL(deps.siteUrl).hostname,
    mailboxes: bounceAddress ? [unsubscribeAddress, bounceAddress] : [unsubscribeAddress],
    logger: deps.logger,
    deliver: async (message) => {
      if (message.mailbox === bounceAddress) await handleDeliveryReport(deps, message.raw);
      else await unsubscribeByMail(deps, message);
    },
  });
}
