import webpush from "web-push";
import type { Db } from "../database.js";

/** The site's VAPID key pair (RFC 8292), base64url as the Push API takes the public key. */
export interface VapidKeys {
  publicKey: string;
  privateKey: string;
}

/**
 * The key pair push services know the site by: made on first start and kept in the database, so
 * every instance signs with the same key and subscriptions survive restarts (a new key would orphan
 * every subscription). Two instances starting at once both insert; the first row wins for both.
 */
export async function loadVapidKeys(db: Db, now: Date): Promise<VapidKeys> {
  const found = await db
    .selectFrom("push_keys")
    .select(["public_key", "private_key"])
    .where("id", "=", 1)
    .executeTakeFirst();
  if (found) return { publicKey: found.public_key, privateKey: found.private_key };
  const made = webpush.generateVAPIDKeys();
  await db
    .insertInto("push_keys")
    .values({ id: 1, public_key: made.publicKey, private_key: made.privateKey, created_at: now.toISOString() })
    .onConflict((oc) => oc.column("id").doNothing())
    .execute();
  const row = await db
    .selectFrom("push_keys")
    .select(["public_key", "private_key"])
    .where("id", "=", 1)
    .executeTakeFirstOrThrow();
  return { publicKey: row.public_key, privateKey: row.private_key };
}

/** The keys, read (or made) once per process; a failed read is tried again on the next call. */
export function vapidKeysLoader(db: Db, now: () => Date): () => Promise<VapidKeys> {
  let loading: Promise<VapidKeys> | undefined;
  return () =>
    (loading ??= loadVapidKeys(db, now()).catch((err: unknown) => {
      loading = undefined;
      throw err;
    }));
}
