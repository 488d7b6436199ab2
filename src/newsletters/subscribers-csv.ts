import type { Kysely } from "kysely";
import type { Database, Db } from "../database.js";
import { type CsvRecord, csvRow } from "../platform/csv.js";
import { emailSchema } from "./newsletter.routes.js";
import { recordSubscriberEvents } from "./subscriber-events.js";

// Subscribers admin (issue 4), for the command line until the newsroom has a page for it: export
// the subscriptions as CSV, streamed in keyset-paginated batches, and import addresses from CSV,
// each line validated with the sign-up's own address rules and reported by number. An import
// never sends mail, never confirms without the importer asserting consent, and never touches an
// address that left everything or a subscription that was left.

// ---- Export ----

export const EXPORT_COLUMNS = [
  "email",
  "newsletter",
  "status",
  "subscriber_status",
  "paused",
  "consent",
  "source",
  "confirmed_at",
  "created_at",
] as const;

export const SUBSCRIPTION_STATUSES = ["pending", "confirmed", "unsubscribed"] as const;
export type SubscriptionStatus = (typeof SUBSCRIPTION_STATUSES)[number];

export interface ExportOptions {
  newsletterId?: number;
  status?: SubscriptionStatus;
  batchSize?: number;
}

/**
 * The subscriptions as CSV text, one chunk per batch (the header first), in (subscriber, newsletter)
 * order. Each batch is fetched after the last key of the one before, so memory stays flat.
 */
export async function* exportSubscribersCsv(db: Db, options: ExportOptions = {}): AsyncGenerator<string> {
  const batchSize = options.batchSize ?? 1000;
  yield csvRow([...EXPORT_COLUMNS]);
  let after: { subscriber: number; newsletter: number } | undefined;
  for (;;) {
    let query = db
      .selectFrom("subscriptions as s")
      .innerJoin("subscribers as p", "p.id", "s.subscriber_id")
      .innerJoin("newsletters as n", "n.id", "s.newsletter_id")
      .select([
        "s.subscriber_id",
        "s.newsletter_id",
        "p.email",
        "n.slug",
        "s.status",
        "p.status as subscriber_status",
        "p.paused",
        "s.consent",
        "s.source",
        "s.confirmed_at",
        "s.created_at",
      ])
      .orderBy("s.subscriber_id")
      .orderBy("s.newsletter_id")
      .limit(batchSize);
    if (options.newsletterId !== undefined) query = query.where("s.newsletter_id", "=", options.newsletterId);
    if (options.status) query = query.where("s.status", "=", options.status);
    if (after) {
      const key = after;
      query = query.where((eb) =>
        eb.or([
          eb("s.subscriber_id", ">", key.subscriber),
          eb.and([eb("s.subscriber_id", "=", key.subscriber), eb("s.newsletter_id", ">", key.newsletter)]),
        ]),
      );
    }
    const rows = await query.execute();
    if (rows.length === 0) return;
    yield rows
      .map((r) =>
        csvRow([
          r.email,
          r.slug,
          r.status,
          r.subscriber_status,
          r.paused ? "yes" : "no",
          r.consent,
          r.source,
          r.confirmed_at,
          r.created_at,
        ]),
      )
      .join("");
    const last = rows.at(-1)!;
    after = { subscriber: last.subscriber_id, newsletter: last.newsletter_id };
    if (rows.length < batchSize) return;
  }
}

// ---- Import ----

export interface ImportSubscribersOptions {
  newsletterId: number;
  /** The importer asserts these people consented: subscriptions are confirmed (consent "import"). */
  consent: boolean;
  batchSize?: number;
  now?: () => Date;
}

export type SkipKind = "bad" | "duplicate" | "unsubscribed";

export interface ImportSubscribersSummary {
  /** New subscriptions (pending, or confirmed with consent). */
  added: number;
  /** Subscriptions already pending or confirmed for this newsletter (left as they are, except:) */
  alreadySubscribed: number;
  /** With consent: of those already there, pending ones now confirmed. */
  confirmed: number;
  skipped: { line: number; kind: SkipKind; reason: string }[];
}

interface Candidate {
  line: number;
  email: string;
}

/** Undoes the export's formula guard, so an exported file imports as it was. */
const unguard = (value: string) => (/^'+[=+\-@\t\r]/.test(value) ? value.slice(1) : value);

export async function importSubscribersCsv(
  db: Kysely<Database>,
  records: AsyncIterable<CsvRecord> | Iterable<CsvRecord>,
  options: ImportSubscribersOptions,
): Promise<ImportSubscribersSummary> {
  const { batchSize = 500, now = () => new Date() } = options;
  const summary: ImportSubscribersSummary = { added: 0, alreadySubscribed: 0, confirmed: 0, skipped: [] };
  const seen = new Map<string, number>();
  let emailColumn: number | undefined;
  let batch: Candidate[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    const rows = batch;
    batch = [];
    // Inside the caller's transaction (the newsroom API audits the import in it), or one per batch.
    if (db.isTransaction) await writeBatch(db, rows, options, now(), summary);
    else await db.transaction().execute((trx) => writeBatch(trx, rows, options, now(), summary));
  };

  for await (const record of records) {
    if (emailColumn === undefined) {
      const index = record.fields.findIndex((f) => f.trim().toLowerCase() === "email");
      if (index < 0) throw new Error(`line ${record.line}: the header has no "email" column`);
      emailColumn = index;
      continue;
    }
    if (record.fields.every((f) => f.trim() === "")) continue;
    if (record.error) {
      summary.skipped.push({ line: record.line, kind: "bad", reason: record.error });
      continue;
    }
    const raw = unguard(record.fields[emailColumn] ?? "");
    const parsed = emailSchema.safeParse(raw);
    if (!parsed.success) {
      summary.skipped.push({
        line: record.line,
        kind: "bad",
        reason: `${JSON.stringify(raw.trim())}: ${parsed.error.issues[0]!.message}`,
      });
      continue;
    }
    const first = seen.get(parsed.data);
    if (first !== undefined) {
      summary.skipped.push({ line: record.line, kind: "duplicate", reason: `same address as line ${first}` });
      continue;
    }
    seen.set(parsed.data, record.line);
    batch.push({ line: record.line, email: parsed.data });
    if (batch.length >= batchSize) await flush();
  }
  if (emailColumn === undefined) throw new Error('The file is empty: it needs a header with an "email" column.');
  await flush();
  summary.skipped.sort((a, b) => a.line - b.line);
  return summary;
}

async function writeBatch(
  trx: Db,
  rows: Candidate[],
  options: ImportSubscribersOptions,
  now: Date,
  summary: ImportSubscribersSummary,
) {
  const at = now.toISOString();
  const emails = rows.map((r) => r.email);
  await trx
    .insertInto("subscribers")
    .values(emails.map((email) => ({ email, created_at: at, updated_at: at })))
    .onConflict((oc) => oc.column("email").doNothing())
    .execute();
  const people = await trx
    .selectFrom("subscribers")
    .select(["id", "email", "status"])
    .where("email", "in", emails)
    .execute();
  const byEmail = new Map(people.map((p) => [p.email, p]));
  const existing = await trx
    .selectFrom("subscriptions")
    .select(["subscriber_id", "status"])
    .where("newsletter_id", "=", options.newsletterId)
    .where(
      "subscriber_id",
      "in",
      people.map((p) => p.id),
    )
    .execute();
  const current = new Map(existing.map((s) => [s.subscriber_id, s.status]));

  const add: number[] = [];
  const confirm: number[] = [];
  for (const row of rows) {
    const person = byEmail.get(row.email)!;
    if (person.status === "unsubscribed") {
      summary.skipped.push({ line: row.line, kind: "unsubscribed", reason: "unsubscribed from everything" });
      continue;
    }
    const status = current.get(person.id);
    if (status === "unsubscribed") {
      summary.skipped.push({ line: row.line, kind: "unsubscribed", reason: "unsubscribed from this newsletter" });
    } else if (status === undefined) add.push(person.id);
    else {
      summary.alreadySubscribed += 1;
      if (status === "pending" && options.consent) confirm.push(person.id);
    }
  }
  const confirmed: number[] = [];
  if (add.length) {
    const added = await trx
      .insertInto("subscriptions")
      .values(
        add.map((id) => ({
          subscriber_id: id,
          newsletter_id: options.newsletterId,
          status: options.consent ? ("confirmed" as const) : ("pending" as const),
          source: "import",
          consent: options.consent ? "import" : "double-opt-in",
          confirmed_at: options.consent ? at : null,
          created_at: at,
          updated_at: at,
        })),
      )
      .onConflict((oc) => oc.columns(["subscriber_id", "newsletter_id"]).doNothing())
      .returning("subscriber_id")
      .execute();
    summary.added += added.length;
    if (options.consent) confirmed.push(...added.map((r) => r.subscriber_id));
  }
  if (confirm.length) {
    const changed = await trx
      .updateTable("subscriptions")
      .set({ status: "confirmed", consent: "import", confirmed_at: at, updated_at: at })
      .where("newsletter_id", "=", options.newsletterId)
      .where("subscriber_id", "in", confirm)
      .where("status", "=", "pending")
      .returning("subscriber_id")
      .execute();
    summary.confirmed += changed.length;
    confirmed.push(...changed.map((r) => r.subscriber_id));
  }
  // Confirmed on the operator's word (consent "import"): as much a confirmation as the newsroom's.
  const changes = confirmed.map((subscriberId) => ({
    type: "subscriber.confirmed" as const,
    subscriberId,
    newsletters: [options.newsletterId],
    via: "import" as const,
  }));
  await recordSubscriberEvents(trx, changes, now);
}

/** The summary an operator reads after an import. */
export function describeImport(summary: ImportSubscribersSummary, consent: boolean): string[] {
  const count = (kind: SkipKind) => summary.skipped.filter((s) => s.kind === kind);
  const bad = count("bad");
  const lines = [
    `Added ${summary.added} ${consent ? "confirmed (consent: import)" : "pending"}; ` +
      `${summary.alreadySubscribed} already subscribed` +
      (summary.confirmed ? ` (${summary.confirmed} pending now confirmed)` : "") +
      `; skipped ${bad.length} bad, ${count("unsubscribed").length} unsubscribed, ` +
      `${count("duplicate").length} duplicate.`,
  ];
  if (bad.length) lines.push(`Bad lines: ${bad.map((s) => s.line).join(", ")}.`);
  if (!consent && summary.added) {
    lines.push("No email was sent. Pending subscribers receive nothing until they confirm by signing up on the site.");
  }
  return lines;
}
