import { createHmac, timingSafeEqual } from "node:crypto";
import type { Kysely } from "kysely";

// Signed tokens for links in emails (confirm a subscription, manage preferences, unsubscribe):
// `<base64url JSON payload>.<base64url HMAC-SHA256>`, the purpose bound into the MAC so a token made
// for one thing never works for another. The key is made by a migration and kept in the database,
// so every instance of the site signs alike.

export interface Signer {
  sign(purpose: string, payload: object): string;
  /** The payload, or undefined for anything tampered with, truncated or made for another purpose. */
  verify<T>(purpose: string, token: string): T | undefined;
  /** A short MAC of a value, for links that carry their own data (?s=42&t=…). */
  mac(purpose: string, value: string): string;
  checkMac(purpose: string, value: string, mac: string): boolean;
}

export function createSigner(key: string): Signer {
  const digest = (purpose: string, data: string) =>
    createHmac("sha256", key).update(purpose).update("\u0000").update(data).digest("base64url");
  const same = (a: string, b: string) => {
    const x = Buffer.from(a);
    const y = Buffer.from(b);
    return x.length === y.length && timingSafeEqual(x, y);
  };
  return {
    sign(purpose, payload) {
      const data = Buffer.from(JSON.stringify(payload)).toString("base64url");
      return `${data}.${digest(purpose, data)}`;
    },
    verify<T>(purpose: string, token: string): T | undefined {
      if (typeof token !== "string" || token.length > 2048) return undefined;
      const [data, mac, extra] = token.split(".");
      if (!data || !mac || extra !== undefined || !same(mac, digest(purpose, data))) return undefined;
      try {
        return JSON.parse(Buffer.from(data, "base64url").toString("utf8")) as T;
      } catch {
        return undefined;
      }
    },
    mac: (purpose, value) => digest(purpose, value).slice(0, 32),
    checkMac: (purpose, value, mac) => typeof mac === "string" && same(mac, digest(purpose, value).slice(0, 32)),
  };
}

/** The signer with the site's key (made by the migrations). */
export async function loadSigner(db: Kysely<any>): Promise<Signer> {
  const row = (await db.selectFrom("settings").select("value").where("key", "=", "signing_key").executeTakeFirst()) as
    { value: string } | undefined;
  if (!row) throw new Error("No signing key: run the migrations (npx london-daily migrate)");
  return createSigner(row.value);
}
