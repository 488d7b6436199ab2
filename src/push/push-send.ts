import webpush from "web-push";
import { articlePath } from "../articles/article.js";
import type { Db } from "../database.js";
import { listUnsent, markSent, removeSubscriptionById } from "./push.queries.js";
import type { VapidKeys } from "./vapid-keys.js";

// Sending a breaking-news notification to every subscription (docs/adr/035), in batches, each
// subscription once per notification (push_sent): a job that runs again after a crash sends only to
// those it had not reached. A push service that answers 404 or 410 says the subscription is gone
// (RFC 8030 §7.3): it is deleted. Anything else is a failure the job's retry takes up again.

/** What a reader's notification says; `key` makes it once per subscription. */
export interface PushNotice {
  key: string;
  title: string;
  body: string;
  url: string;
}

export type PushSource = { articleId: number } | { bannerId: number };

/** The notice for a breaking article or a banner, or undefined if it is gone (nothing to send). */
export async function findNotice(db: Db, source: PushSource, siteUrl: string): Promise<PushNotice | undefined> {
  const absolute = (url: string) => (url.startsWith("/") ? `${siteUrl}${url}` : url);
  if ("articleId" in source) {
    const a = await db
      .selectFrom("articles as a")
      .innerJoin("sections as s", "s.id", "a.section_id")
      .select(["a.id", "a.headline", "a.standfirst", "a.slug", "a.status", "s.slug as section"])
      .where("a.id", "=", source.articleId)
      .executeTakeFirst();
    if (!a || a.status !== "published") return undefined;
    return {
      key: `article-${a.id}`,
      title: `Breaking: ${a.headline}`,
      body: a.standfirst,
      url: absolute(articlePath(a.section, a.slug)),
    };
  }
  const b = await db
    .selectFrom("banners")
    .select(["id", "text", "url", "live", "lowered_at"])
    .where("id", "=", source.bannerId)
    .executeTakeFirst();
  if (!b || b.lowered_at) return undefined;
  return { key: `banner-${b.id}`, title: b.live ? "Live" : "Breaking news", body: b.text, url: absolute(b.url) };
}

export interface PushDeps {
  db: Db;
  now: () => Date;
  keys: () => Promise<VapidKeys>;
  /** VAPID's contact (RFC 8292 §2.1): an https: URL or a mailto: address. */
  subject: string;
  /** How long a push service keeps an undelivered notification (seconds). */
  ttlSeconds?: number;
  batch?: number;
  /** The HTTPS agent to reach push services with (a test's local service trusts its own CA). */
  agent?: import("node:https").Agent;
  log?: { warn: (obj: object, msg: string) => void };
}

export interface PushResult {
  sent: number;
  pruned: number;
  failed: number;
}

export async function sendPush(deps: PushDeps, notice: PushNotice): Promise<PushResult> {
  const keys = await deps.keys();
  const payload = JSON.stringify({ title: notice.title, body: notice.body, url: notice.url, tag: notice.key });
  const options: webpush.RequestOptions = {
    vapidDetails: { subject: deps.subject, publicKey: keys.publicKey, privateKey: keys.privateKey },
    TTL: deps.ttlSeconds ?? 3600,
    urgency: "high",
    topic: notice.key.replace(/[^A-Za-z0-9_-]/g, "").slice(0, 32),
    timeout: 10_000,
    ...(deps.agent ? { agent: deps.agent } : {}),
  };
  const result: PushResult = { sent: 0, pruned: 0, failed: 0 };
  let after = 0;
  for (;;) {
    const batch = await listUnsent(deps.db, notice.key, after, deps.batch ?? 100);
    if (batch.length === 0) break;
    after = batch.at(-1)!.id;
    await Promise.all(
      batch.map(async (sub) => {
        try {
          await webpush.sendNotification(
            { endpoint: sub.endpoint, keys: { p256dh: sub.p256dh, auth: sub.auth } },
            payload,
            options,
          );
          await markSent(deps.db, notice.key, sub.id, deps.now());
          result.sent++;
        } catch (err) {
          const status = err instanceof webpush.WebPushError ? err.statusCode : 0;
          if (status === 404 || status === 410) {
            await removeSubscriptionById(deps.db, sub.id);
            result.pruned++;
          } else {
            result.failed++;
            deps.log?.warn({ err, subscription: sub.id, status }, "push notification not accepted");
          }
        }
      }),
    );
  }
  return result;
}
