import type { Db } from "../../database.js";
import { type EmailDocument, renderEmailHtml, renderEmailText } from "../../platform/mail/email-document.js";
import { enqueue } from "../../platform/jobs/job.queries.js";
import type { Mailer } from "../../platform/mail/mailer.js";
import { formatDateTime } from "../../platform/time.js";
import { KIND_AUDIENCE, type NotificationKind, kindOfMove } from "./notification-kinds.js";
import {
  emailsTurnedOff,
  findRecipients,
  markEmailed,
  recordNotifications,
  unsentEmails,
} from "./notification.queries.js";

// Telling people of workflow moves (issue 18, docs/adr/026). The move queues one job in its own
// transaction, keyed by the event, so a rolled-back move tells nobody and a move is never told
// twice; the job records one row per person (unique), then emails the rows not yet emailed,
// marking each as the SMTP server accepts it. A run after a crash sends only what is left.

export const NOTIFY_JOB = "newsroom.notify";

/** Called inside the transaction that records a workflow event. */
export async function queueNotifications(
  trx: Db,
  event: { id: number; from: string; to: string },
  now: Date,
): Promise<void> {
  if (!kindOfMove(event.from, event.to as never)) return;
  await enqueue(trx, NOTIFY_JOB, { eventId: event.id }, { key: `${NOTIFY_JOB}:${event.id}`, now });
}

export interface NotifyDeps {
  db: Db;
  mailer: Pick<Mailer, "send">;
  site: { name: string; url: string; timeZone: string };
  now: () => Date;
}

/** The job: who is told of event `eventId`, and their emails. Returns the job's note. */
export async function deliverNotifications(deps: NotifyDeps, eventId: number): Promise<string> {
  const { db } = deps;
  const event = await db
    .selectFrom("article_events as e")
    .innerJoin("articles as a", "a.id", "e.article_id")
    .leftJoin("users as u", "u.id", "e.user_id")
    .select([
      "e.id",
      "e.article_id",
      "e.from_status",
      "e.to_status",
      "e.user_id",
      "e.note",
      "a.headline",
      "a.scheduled_at",
      "u.name as actor",
    ])
    .where("e.id", "=", eventId)
    .executeTakeFirst();
  if (!event) return "The event or its article no longer exists: nobody told.";
  const kind = kindOfMove(event.from_status, event.to_status as never);
  if (!kind) return "Nobody is told of this move.";

  const people = await findRecipients(db, KIND_AUDIENCE[kind], event.article_id, event.user_id);
  const off = await emailsTurnedOff(
    db,
    people.map((p) => p.id),
  );
  await recordNotifications(
    db,
    people.map((p) => ({
      eventId,
      userId: p.id,
      articleId: event.article_id,
      kind,
      email: !off.has(`${p.id}:${kind}`),
    })),
    deps.now(),
  );

  let sent = 0;
  for (const row of await unsentEmails(db, eventId)) {
    const mail = notificationEmail(deps.site, {
      kind,
      name: row.name,
      articleId: event.article_id,
      headline: event.headline || "Untitled article",
      actor: event.actor ?? null,
      note: event.note,
      scheduledAt: event.scheduled_at,
      published: event.to_status === "published",
    });
    await deps.mailer.send({ to: row.email, ...mail });
    await markEmailed(db, row.id, deps.now());
    sent += 1;
  }
  return `Told ${people.length} (${kind}); ${sent} emailed.`;
}

const SUBJECTS: Record<NotificationKind, string> = {
  submitted: "Submitted for review",
  returned: "Returned to you",
  approved: "Approved",
  scheduled: "Scheduled",
  published: "Published",
};

export function notificationEmail(
  site: { name: string; url: string; timeZone: string },
  input: {
    kind: NotificationKind;
    name: string;
    articleId: number;
    headline: string;
    actor: string | null;
    note: string;
    scheduledAt: string | null;
    published: boolean;
  },
): { subject: string; html: string; text: string } {
  const { kind, headline } = input;
  const who = input.actor ?? "The schedule";
  const when = input.scheduledAt ? formatDateTime(new Date(input.scheduledAt), site.timeZone) : "";
  const what: Record<NotificationKind, string> = {
    submitted: `${who} submitted “${headline}” for review.`,
    returned: `${who} returned “${headline}” to draft.`,
    approved: input.published
      ? `${who} approved “${headline}”: it is published.`
      : `${who} approved “${headline}”: it is scheduled for ${when}.`,
    scheduled: `${who} scheduled “${headline}” for ${when}.`,
    published: `“${headline}” is published${input.actor ? ` (by ${input.actor})` : ""}.`,
  };
  const subject = `${SUBJECTS[kind]}: ${headline}`;
  const account = `${site.url}/newsroom/account`;
  const doc: EmailDocument = {
    siteName: site.name,
    siteUrl: site.url,
    title: subject,
    preheader: what[kind],
    blocks: [
      { type: "heading", text: SUBJECTS[kind] },
      { type: "paragraph", text: `Hello ${input.name}, ${what[kind]}` },
      ...(input.note ? [{ type: "paragraph" as const, text: `Note: ${input.note}` }] : []),
      { type: "button", text: "Open it in the newsroom", href: `${site.url}/newsroom/articles/${input.articleId}` },
      {
        type: "paragraph",
        muted: true,
        text: `You get this because of your newsroom account. Choose which emails you get on your account page: ${account}`,
      },
    ],
    footer: { text: `Sent by the ${site.name} newsroom.`, links: [{ text: "Your account", href: account }] },
  };
  return { subject, html: renderEmailHtml(doc), text: renderEmailText(doc) };
}
