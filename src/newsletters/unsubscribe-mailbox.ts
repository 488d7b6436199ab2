import type { Kysely } from "kysely";
import type { Database } from "../database.js";
import {
  type InboundLogger,
  type InboundMessage,
  type InboundServer,
  startInboundServer,
} from "../platform/mail/inbound.js";
import { type NewsletterLinks, unsubscribeMailbox } from "./newsletter-links.js";
import { listNewsletters } from "./subscription.queries.js";
import { unsubscribe } from "./subscription-changes.js";

// The mailto of List-Unsubscribe (RFC 2369): a reader's mail client writes to unsubscribe@<site host>
// with the subject the mailto gave it, and the subscription named there ends. The From header is
// never read — anyone can write any From — only the signed token in the subject (or, for a client
// that dropped the subject, the first line of the body) counts.

export interface UnsubscribeMailDeps {
  db: Kysely<Database>;
  links: NewsletterLinks;
  now: () => Date;
  logger: InboundLogger;
}

export type UnsubscribeMailResult = "unsubscribed" | "no-token" | "no-newsletter";

/**
 * What one mail to the unsubscribe mailbox does. Repeating it is harmless. A mail without a valid
 * token does nothing, and is still taken (250): a bounce would go back to a reader who did nothing
 * wrong, or to a forged sender, and would tell them something about the list.
 */
export async function unsubscribeByMail(
  deps: UnsubscribeMailDeps,
  message: Pick<InboundMessage, "subject" | "text">,
): Promise<UnsubscribeMailResult> {
  const firstLine = message.text.split(/\r?\n/).find((line) => line.trim() !== "") ?? "";
  const target = deps.links.readMailUnsubscribe(message.subject) ?? deps.links.readMailUnsubscribe(firstLine);
  if (!target) {
    deps.logger.info({ result: "no-token" }, "unsubscribe mail without a valid token: nothing done");
    return "no-token";
  }
  const newsletter = (await listNewsletters(deps.db)).find((n) => n.slug === target.newsletter);
  if (!newsletter) {
    deps.logger.info(
      { result: "no-newsletter", newsletter: target.newsletter },
      "unsubscribe mail: no such newsletter",
    );
    return "no-newsletter";
  }
  // The same change as the one-click POST makes, in a transaction like it.
  await deps.db.transaction().execute((trx) =>
    unsubscribe(trx, {
      subscriberId: target.subscriberId,
      newsletterId: newsletter.id,
      now: deps.now(),
      via: "unsubscribe-mail",
    }),
  );
  deps.logger.info(
    { result: "unsubscribed", subscriberId: target.subscriberId, newsletter: newsletter.slug },
    "unsubscribed by mail",
  );
  return "unsubscribed";
}

/** The SMTP listener for the unsubscribe mailbox (INBOUND_SMTP_PORT); it takes mail for nothing else. */
export function startUnsubscribeMailbox(
  deps: UnsubscribeMailDeps & { siteUrl: string },
  listen: { host: string; port: number; maxBytes?: number },
): Promise<InboundServer> {
  return startInboundServer({
    ...listen,
    name: new URL(deps.siteUrl).hostname,
    mailboxes: [unsubscribeMailbox(deps.siteUrl)],
    logger: deps.logger,
    deliver: async (message) => {
      await unsubscribeByMail(deps, message);
    },
  });
}
