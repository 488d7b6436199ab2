import { createHash, randomUUID } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdir, rename, rm } from "node:fs/promises";
import path from "node:path";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";

/**
 * A file name for a Message-ID: "<a.b@host>" → "a.b@host". Anything outside a safe set becomes "_", and then a
 * short hash of the original is added so two ids that differ only there cannot overwrite each other.
 */
export function outboxFileName(messageId: string): string {
  const bare = messageId.replace(/^<|>$/g, "");
  const safe = bare
    .replace(/[^A-Za-z0-9._@+-]/g, "_")
    .replace(/^\.+/, "_")
    .slice(0, 180);
  if (safe === bare) return `${safe}.eml`;
  return `${safe}-${createHash("sha256").update(messageId).digest("hex").slice(0, 10)}.eml`;
}

/** DATA_DIR/outbox/<UTC date>/<message-id>.eml */
export function outboxPath(outboxDir: string, messageId: string, now = new Date()): string {
  return path.join(outboxDir, now.toISOString().slice(0, 10), outboxFileName(messageId));
}

/**
 * Streams `source` into a hidden temporary file beside `target`, then renames it into place: a reader of the
 * outbox sees a whole message or none, and a failure part-way leaves nothing behind. Not fsynced: the outbox
 * is for machines without a mail server, where a crash costing the last message is acceptable.
 */
export async function writeFileAtomically(target: string, source: Readable): Promise<void> {
  const dir = path.dirname(target);
  await mkdir(dir, { recursive: true });
  const temporary = path.join(dir, `.${randomUUID()}.part`);
  try {
    await pipeline(source, createWriteStream(temporary, { flags: "wx" }));
    await rename(temporary, target);
  } catch (err) {
    await rm(temporary, { force: true });
    throw err;
  }
}
