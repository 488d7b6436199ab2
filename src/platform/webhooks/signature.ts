import { createHmac, timingSafeEqual } from "node:crypto";

// Each delivery carries `London-Daily-Signature: t=<unix seconds>,v1=<hex>` where v1 is
// HMAC-SHA256(secret, `${t}.${body}`): the timestamp is signed with the body, so a receiver that
// refuses old timestamps cannot be replayed an old delivery (docs/webhooks.md has the check).

export const SIGNATURE_HEADER = "london-daily-signature";

export function signPayload(secret: string, timestamp: number, body: string): string {
  const mac = createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex");
  return `t=${timestamp},v1=${mac}`;
}

/** The receiver's check, as documented: true when the header matches and is at most `toleranceS` old. */
export function verifySignature(secret: string, header: string, body: string, nowS: number, toleranceS = 300): boolean {
  const parts = Object.fromEntries(header.split(",").map((p) => p.split("=", 2) as [string, string]));
  const t = Number(parts.t);
  if (!Number.isInteger(t) || !parts.v1 || Math.abs(nowS - t) > toleranceS) return false;
  const expected = Buffer.from(createHmac("sha256", secret).update(`${t}.${body}`).digest("hex"));
  const given = Buffer.from(parts.v1);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
