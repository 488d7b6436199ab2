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
  };
}
export type NewsletterLinks = ReturnType<typeof newsletterLinks>;
