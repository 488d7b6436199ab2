import type { Db } from "../../database.js";
import { ROLES, can } from "../../platform/admin/permissions.js";
import { type Audience, NOTIFICATION_KINDS, type NotificationKind } from "./notification-kinds.js";

// Who is told, what each person chose, and the rows that make a notification happen once.

const REVIEWER_ROLES = ROLES.filter((r) => can(r, "article.review"));

export interface Recipient {
  id: number;
  name: string;
  email: string;
}

/** Active accounts to tell of an event on `articleId` by `actorId` (who is never told of their own act). */
export async function findRecipients(
  db: Db,
  audience: Audience,
  articleId: number,
  actorId: number | null,
): Promise<Recipient[]> {
  let q = db.selectFrom("users as u").select(["u.id", "u.name", "u.email"]).where("u.disabled", "=", 0);
  if (audience === "reviewers") q = q.where("u.role", "in", REVIEWER_ROLES);
  else
    q = q.where((eb) =>
      eb.or([
        eb("u.id", "=", eb.selectFrom("articles as a").select("a.created_by").where("a.id", "=", articleId)),
        eb(
          "u.id",
          "in",
          eb
            .selectFrom("article_authors as aa")
            .innerJoin("authors as au", "au.id", "aa.author_id")
            .select("au.user_id")
            .where("aa.article_id", "=", articleId)
            .where("au.user_id", "is not", null),
        ),
      ]),
    );
  if (actorId !== null) q = q.where("u.id", "!=", actorId);
  return q.orderBy("u.id").execute();
}

/** The kinds each of `userIds` has turned off. */
export async function emailsTurnedOff(db: Db, userIds: number[]): Promise<Set<string>> {
  if (userIds.length === 0) return new Set();
  const rows = await db
    .selectFrom("notification_settings")
    .select(["user_id", "kind"])
    .where("user_id", "in", userIds)
    .where("email", "=", 0)
    .execute();
  return new Set(rows.map((r) => `${r.user_id}:${r.kind}`));
}

export async function readSettings(db: Db, userId: number): Promise<Record<NotificationKind, boolean>> {
  const off = await emailsTurnedOff(db, [userId]);
  return Object.fromEntries(NOTIFICATION_KINDS.map((k) => [k, !off.has(`${userId}:${k}`)])) as Record<
    NotificationKind,
    boolean
  >;
}

export async function writeSettings(db: Db, userId: number, settings: Partial<Record<NotificationKind, boolean>>) {
  await db.transaction().execute(async (trx) => {
    for (const [kind, email] of Object.entries(settings)) {
      await trx
        .insertInto("notification_settings")
        .values({ user_id: userId, kind, email: email ? 1 : 0 })
        .onConflict((oc) => oc.columns(["user_id", "kind"]).doUpdateSet({ email: email ? 1 : 0 }))
        .execute();
    }
  });
}

/** One row per person and event; a second call (a job run again) adds nothing. */
export async function recordNotifications(
  db: Db,
  rows: { eventId: number; userId: number; articleId: number; kind: NotificationKind; email: boolean }[],
  now: Date,
): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto("notifications")
    .values(
      rows.map((r) => ({
        event_id: r.eventId,
        user_id: r.userId,
        article_id: r.articleId,
        kind: r.kind,
        email: r.email ? 1 : 0,
        created_at: now.toISOString(),
      })),
    )
    .onConflict((oc) => oc.columns(["event_id", "user_id"]).doNothing())
    .execute();
}

/** The rows of one event still waiting for their email. */
export async function unsentEmails(db: Db, eventId: number) {
  return db
    .selectFrom("notifications as n")
    .innerJoin("users as u", "u.id", "n.user_id")
    .select(["n.id", "n.user_id", "u.name", "u.email"])
    .where("n.event_id", "=", eventId)
    .where("n.email", "=", 1)
    .where("n.emailed_at", "is", null)
    .orderBy("n.id")
    .execute();
}

export async function markEmailed(db: Db, id: number, now: Date): Promise<void> {
  await db.updateTable("notifications").set({ emailed_at: now.toISOString() }).where("id", "=", id).execute();
}

/** Stories waiting for review: the count beside the newsroom's Review queue. */
export async function countWaitingForReview(db: Db): Promise<number> {
  const row = await db
    .selectFrom("articles as a")
    .leftJoin("article_pending as p", "p.article_id", "a.id")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where((eb) => eb.or([eb("a.status", "=", "in_review"), eb("p.review", "=", 1)]))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
