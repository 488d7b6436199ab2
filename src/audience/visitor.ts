import { createHash, randomBytes } from "node:crypto";
import type { Db } from "../database.js";

// Unique visitors without following anyone (the approach Plausible documents): a hash of the
// day's salt, the address and the user agent. The salt is random, made for one newsroom day and
// deleted with that day's hashes once the day is over (audience-rollup.ts), so a hash cannot be
// recomputed afterwards and two days' hashes of one reader share nothing. Neither the address nor
// the user agent is stored anywhere.

export function visitorHash(salt: string, address: string, userAgent: string): string {
  return createHash("sha256").update(`${salt}\0${address}\0${userAgent}`).digest("base64url").slice(0, 22);
}

/** The salt of each day, shared by every instance through the database; one read per day per instance. */
export class DailySalts {
  private current: { day: string; salt: Promise<string> } | undefined;

  constructor(private readonly db: Db) {}

  saltFor(day: string): Promise<string> {
    if (this.current?.day !== day) {
      const salt = this.load(day);
      this.current = { day, salt };
      // A failed read is tried again by the next beacon, not remembered.
      salt.catch(() => {
        if (this.current?.salt === salt) this.current = undefined;
      });
    }
    return this.current.salt;
  }

  private async load(day: string): Promise<string> {
    await this.db
      .insertInto("audience_salts")
      .values({ day, salt: randomBytes(32).toString("base64url") })
      .onConflict((oc) => oc.column("day").doNothing())
      .execute();
    const row = await this.db
      .selectFrom("audience_salts")
      .select("salt")
      .where("day", "=", day)
      .executeTakeFirstOrThrow();
    return row.salt;
  }
}
