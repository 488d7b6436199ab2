import type { Signer } from "../platform/signing.js";

/** How long a confirmation link works. */
export const CONFIRM_DAYS = 7;

export interface ConfirmToken {
  /** Subscriber id. */
  s: number;
  /** Newsletter ids to confirm. */
  n: number[];
  /** Expiry, seconds since the epoch. */
  x: number;
}

/** The mailbox of RFC 2369's mailto unsubscribe: the inbound listener takes mail for it and nothing else. */
export const unsubscribeMailbox = (siteUrl: string) => `unsubscribe@${new URL(siteUrl).hostname}`;

// The mailto's subject token, "<subscriber>.<newsletter slug>.<MAC>": the MAC of the https link, so one
// secret backs both. Slugs are [a-z0-9-] and the MAC base64url, so the dots separate unambiguously; a
// mail client or a reply may add words around it ("Re: unsubscribe …"), hence a search, not a match.
const MAIL_TOKEN = /(?<![\w.-])(\d{1,15})\.([a-z0-9]+(?:-[a-z0-9]+)*)\.([\w-]{32})(?![\w-])/;

/** Signed links for emails: confirming, managing preferences, leaving a newsletter. */
export function newsletterLinks(siteUrl: string, signer: Signer) {
  return {
    confirm(subscriberId: number, newsletterIds: number[], now: Date): string {
      const token: ConfirmToken = {
        s: subscriberId,
        n: newsletterIds,
        x: Math.floor(now.getTime() / 1000) + CONFIRM_DAYS * 86_400,
      };
      return `${siteUrl}/newsletters/confirm?token=${signer.sign("confirm", token)}`;
    },
    readConfirm(token: string, now: Date): ConfirmToken | "expired" | undefined {
      const payload = signer.verify<ConfirmToken>("confirm", token);
      if (!payload || !Number.isInteger(payload.s) || !Array.isArray(payload.n)) return undefined;
      return payload.x * 1000 < now.getTime() ? "expired" : payload;
    },
    /** Never expires: it is in every email, and an old email must still let you leave. */
    preferences(subscriberId: number): string {
      return `${siteUrl}/newsletters/preferences?s=${subscriberId}&t=${signer.mac("preferences", String(subscriberId))}`;
    },
    checkPreferences: (subscriberId: number, mac: string) => signer.checkMac("preferences", String(subscriberId), mac),
    unsubscribe(subscriberId: number, newsletter: string): string {
      const mac = signer.mac("unsubscribe", `${subscriberId}:${newsletter}`);
      return `${siteUrl}/newsletters/unsubscribe?s=${subscriberId}&n=${encodeURIComponent(newsletter)}&t=${mac}`;
    },
    checkUnsubscribe: (subscriberId: number, newsletter: string, mac: string) =>
      signer.checkMac("unsubscribe", `${subscriberId}:${newsletter}`, mac),
    /**
     * What List-Unsubscribe's mailto needs (RFC 2369, RFC 6068): the unsubscribe mailbox with a subject
     * naming subscriber and newsletter under a MAC, since the From of the mail that comes back proves
     * nothing.
     */
    mailtoUnsubscribe(subscriberId: number, newsletter: string): string {
      const mac = signer.mac("unsubscribe", `${subscriberId}:${newsletter}`);
      return `${unsubscribeMailbox(siteUrl)}?subject=unsubscribe%20${subscriberId}.${newsletter}.${mac}`;
    },
    /** The subscriber and newsletter a mailto's subject names, or undefined when no token in it checks out. */
    readMailUnsubscribe(text: string): { subscriberId: number; newsletter: string } | undefined {
      const m = MAIL_TOKEN.exec(text.slice(0, 1000));
      if (!m) return undefined;
      const subscriberId = Number(m[1]);
      const newsletter = m[2]!;
      if (!Number.isSafeInteger(subscriberId) || subscriberId < 1) return undefined;
      return signer.checkMac("unsubscribe", `${subscriberId}:${newsletter}`, m[3]!)
        ? { subscriberId, newsletter }
        : undefined;
    },
  };
}
export type NewsletterLinks = ReturnType<typeof newsletterLinks>;
