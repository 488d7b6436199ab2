import type { Signer } from "../platform/signing.js";

/** How long a confirmation link works. */
export const CONFIRM_DAYS = 7;

/**
 * How long a preferences link works (docs/adr/016). It shows the address and changes every choice, so a
 * forwarded email or a leaked log must not hold it for ever; 30 days outlives several editions of the
 * least frequent newsletter (weekly), and each edition carries a fresh link. An expired link offers a
 * fresh one by email. Unsubscribe links do not expire (RFC 8058 one-click from any old email).
 */
export const PREFERENCES_DAYS = 30;

export interface LinkOptions {
  /** The clock that dates preferences links; the real one unless given. */
  now?: () => Date;
  /**
   * Until when links of the old form (no expiry in them, sent before links expired) still work: the
   * upgrade plus PREFERENCES_DAYS, stored by a migration. Unset: they count as expired.
   */
  legacyPreferencesUntil?: Date;
}

/** A preferences link's query: subscriber, expiry (seconds since the epoch; absent in old links), MAC. */
export interface PreferencesToken {
  s: number;
  x?: number | undefined;
  t: string;
}

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
export function newsletterLinks(siteUrl: string, signer: Signer, options: LinkOptions = {}) {
  const now = options.now ?? (() => new Date());
  const preferencesMac = (subscriberId: number, expires: number | undefined) =>
    signer.mac("preferences", expires === undefined ? String(subscriberId) : `${subscriberId}:${expires}`);
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
    /** Works for PREFERENCES_DAYS from now; every email carries a fresh one. */
    preferences(subscriberId: number): string {
      const x = Math.floor(now().getTime() / 1000) + PREFERENCES_DAYS * 86_400;
      return `${siteUrl}/newsletters/preferences?s=${subscriberId}&x=${x}&t=${preferencesMac(subscriberId, x)}`;
    },
    /** "valid", "expired" (genuine but too old: it may ask for a fresh one), or undefined (not ours). */
    readPreferences(token: PreferencesToken, at: Date): "valid" | "expired" | undefined {
      if (!signer.checkMac("preferences", token.x === undefined ? String(token.s) : `${token.s}:${token.x}`, token.t))
        return undefined;
      const until = token.x === undefined ? options.legacyPreferencesUntil?.getTime() : token.x * 1000;
      return until !== undefined && at.getTime() < until ? "valid" : "expired";
    },
    /**
     * Leaving one newsletter. A link in an edition names that edition (`e`, under the MAC), so each
     * edition can count the readers it lost (docs/adr/029); links without it, sent before, still work.
     */
    unsubscribe(subscriberId: number, newsletter: string, editionId?: number): string {
      const base = `${siteUrl}/newsletters/unsubscribe?s=${subscriberId}&n=${encodeURIComponent(newsletter)}`;
      if (editionId === undefined) return `${base}&t=${signer.mac("unsubscribe", `${subscriberId}:${newsletter}`)}`;
      return `${base}&e=${editionId}&t=${signer.mac("unsubscribe", `${subscriberId}:${newsletter}:${editionId}`)}`;
    },
    checkUnsubscribe: (subscriberId: number, newsletter: string, mac: string, editionId?: number) =>
      signer.checkMac(
        "unsubscribe",
        editionId === undefined ? `${subscriberId}:${newsletter}` : `${subscriberId}:${newsletter}:${editionId}`,
        mac,
      ),
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

/**
 * A story's address as a newsletter links it: marked with the campaign parameters every analytics
 * tool reads (`utm_medium=email`, `utm_source=<newsletter>`). The page cache ignores them (the key
 * is the route's validated input), and the site's newsletter prompt reads them: a reader who came
 * from one of our emails is not asked to sign up (NewsletterPrompt.island.tsx).
 */
export function fromNewsletter(url: string, newsletter: string): string {
  const marked = new URL(url);
  marked.searchParams.set("utm_source", newsletter);
  marked.searchParams.set("utm_medium", "email");
  return marked.toString();
}
