import type { Db } from "../../database.js";
import type { Signer } from "../../platform/signing.js";

// Preview links: a signed token naming the article, an expiry and the article's preview nonce.
// Anyone holding one sees the unpublished article in the site design until it expires or the
// article is published (publishing bumps the nonce, which revokes every earlier link).

const PURPOSE = "article-preview";
export const PREVIEW_TTL_MS = 7 * 24 * 60 * 60 * 1000;

interface PreviewPayload {
  a: number;
  n: number;
  e: number;
}

export function previewToken(signer: Signer, articleId: number, nonce: number, now: Date) {
  const expiresAt = new Date(now.getTime() + PREVIEW_TTL_MS);
  return {
    token: signer.sign(PURPOSE, { a: articleId, n: nonce, e: expiresAt.getTime() } satisfies PreviewPayload),
    expiresAt,
  };
}

export type PreviewCheck = { ok: true; articleId: number } | { ok: false; reason: "invalid" | "expired" | "revoked" };

export async function checkPreviewToken(db: Db, signer: Signer, token: string, now: Date): Promise<PreviewCheck> {
  const payload = signer.verify<PreviewPayload>(PURPOSE, token);
  if (!payload || !Number.isInteger(payload.a) || !Number.isInteger(payload.n) || typeof payload.e !== "number") {
    return { ok: false, reason: "invalid" };
  }
  if (payload.e <= now.getTime()) return { ok: false, reason: "expired" };
  const row = await db
    .selectFrom("articles")
    .select(["preview_nonce", "status"])
    .where("id", "=", payload.a)
    .executeTakeFirst();
  if (!row || row.preview_nonce !== payload.n) return { ok: false, reason: "revoked" };
  return { ok: true, articleId: payload.a };
}
