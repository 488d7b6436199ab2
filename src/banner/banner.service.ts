import { z } from "zod";
import type { Db } from "../database.js";
import { recordAudit } from "../platform/admin/audit.js";
import type { PageInvalidator } from "../platform/cache/page-invalidator.js";
import { AppError } from "../platform/errors.js";
import { enqueue } from "../platform/jobs/job.queries.js";
import type { BannerBoard } from "./banner-board.js";
import { type Banner, insertBanner, lowerBanner } from "./banner.queries.js";

// Raising and taking down the banner (docs/adr/035): the write and its audit in one transaction,
// then, after commit, this process reads the new state (its next page carries it), the polling JSON
// is dropped from the caches, and every process's streams are told through the bus.

/** The only tag the banner drops: its polling JSON. Pages get the banner at send time instead. */
export const BANNER_TAG = "banner";
/** The Web Push job (src/push): a notification for a banner or a breaking article, sent once. */
export const PUSH_JOB = "push.breaking";

/** A link readers may follow: a path on this site or an http(s) address. */
const link = z
  .string()
  .trim()
  .max(2000)
  .refine(
    (v) => (v.startsWith("/") && !v.startsWith("//")) || /^https?:\/\/[^\s/]+/i.test(v),
    "A path on this site (/…) or an http(s) address",
  );

export const bannerInput = z.strictObject({
  text: z.string().trim().min(1, "Say what is happening").max(160, "Keep the banner under 160 characters"),
  url: link,
  live: z.boolean().default(false),
  /** When it comes down by itself; none: until taken down. */
  expiresAt: z.iso.datetime({ offset: true }).nullable().default(null),
  /** Also send it to readers who opted in to Web Push. */
  push: z.boolean().default(false),
});
export type BannerInput = z.output<typeof bannerInput>;

/** What follows a committed change, in the process that made it. */
export interface BannerEffects {
  /** Reads the state, drops the JSON, tells the other processes and the streams. */
  changed(): Promise<void>;
}

export function bannerEffects(deps: {
  board: BannerBoard;
  pages: PageInvalidator;
  announce: () => Promise<void>;
}): BannerEffects {
  return {
    async changed() {
      await deps.board.load();
      await deps.pages.invalidate([BANNER_TAG]);
      await deps.announce();
    },
  };
}

/** Raises the banner inside `trx` (with its audit entry, and its push job when asked). */
export async function raiseBannerIn(
  trx: Db,
  input: BannerInput & { articleId?: number | null },
  who: { userId: number | null; ip: string },
  now: Date,
): Promise<Banner> {
  const expiresAt = input.expiresAt ? new Date(input.expiresAt) : null;
  if (expiresAt && expiresAt.getTime() <= now.getTime()) {
    throw new AppError("VALIDATION_FAILED", "expiresAt: choose a time in the future", {
      details: [{ path: "expiresAt", message: "In the past" }],
    });
  }
  const banner = await insertBanner(
    trx,
    { text: input.text, url: input.url, live: input.live, articleId: input.articleId ?? null, expiresAt },
    who.userId,
    now,
  );
  await recordAudit(trx, now, {
    userId: who.userId,
    action: "banner.raise",
    subjectType: "banner",
    subjectId: banner.id,
    detail: { text: banner.text, url: banner.url, live: banner.live, expiresAt: input.expiresAt, push: input.push },
    ip: who.ip,
  });
  if (input.push) {
    await enqueue(trx, PUSH_JOB, { bannerId: banner.id }, { key: `${PUSH_JOB}:banner-${banner.id}`, now });
  }
  return banner;
}

export async function lowerBannerIn(trx: Db, who: { userId: number | null; ip: string }, now: Date) {
  const lowered = await lowerBanner(trx, who.userId, now);
  if (lowered) {
    await recordAudit(trx, now, {
      userId: who.userId,
      action: "banner.lower",
      subjectType: "banner",
      subjectId: lowered.id,
      ip: who.ip,
    });
  }
  return lowered;
}
