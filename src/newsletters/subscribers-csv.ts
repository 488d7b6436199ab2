import { once } from "node:events";
import fs from "node:fs";
import type { Writable } from "node:stream";
import type { Kysely } from "kysely";
import type { Database, Db } from "../database.js";
import { emailSchema } from "./newsletter.routes.js";
import { recordSubscriberEvents } from "./subscriber-events.js";

// Subscribers admin (issue 4), for the command line until the newsroom has a page for it: export
// the subscriptions as CSV, streamed in keyset-paginated batches, and import addresses from CSV,
// each line validated with the sign-up's own address rules and reported by number. An import
// never sends mail, never confirms without the importer asserting consent, and never touches an
// address that left everything or a subscription that was left.

// ---- CSV (RFC 4180): no CSV library is installed, so a small parser and writer. ----

export interface CsvRecord {
  /** The physical line the record starts on (1 = the header). */
  line: number;
  fields: string[];
  /** Set when the record is malformed (a stray or unterminated quote). */
  error?: string;
}

/**
 * Incremental parser: quoted fields with doubled quotes and line breaks inside, CRLF, LF or CR
 * line ends, a leading byte-order mark. Feed chunks with push(); end() flushes the last record.
 */
export class CsvParser {
  private fields: string[] = [];
  private field = "";
  private state: "start" | "unquoted" | "quoted" | "quote" = "start";
  private line = 1;
  private recordLine = 1;
  private error: string | undefined;
  private afterCr = false;
  private first = true;

  push(chunk: string): CsvRecord[] {
    const records: CsvRecord[] = [];
    for (let i = 0; i < chunk.length; i++) {
      let c = chunk[i]!;
      if (this.first) {
        this.first = false;
        if (c === "\uFEFF") continue;
      }
      if (this.afterCr) {
        this.afterCr = false;
        if (c === "\n") {
          if (this.state === "quoted") this.field += c;
          continue;
        }
      }
      if (c === "\r") {
        this.afterCr = true;
        this.line += 1;
        if (this.state === "quoted") {
          this.field += c;
          continue;
        }
        c = "\n";
      } else if (c === "\n") {
        this.line += 1;
      }
      switch (this.state) {
        case "quoted":
          if (c === '"') this.state = "quote";
          else this.field += c;
          break;
        case "quote":
          if (c === '"') {
            this.field += '"';
            this.state = "quoted";
          } else if (c === ",") this.endField();
          else if (c === "\n") records.push(this.endRecord());
          else {
            this.error ??= "text after a closing quote";
            this.field += c;
            this.state = "unquoted";
          }
          break;
        default:
          if (c === ",") this.endField();
          else if (c === "\n") records.push(this.endRecord());
          else if (c === '"' && this.state === "start") this.state = "quoted";
          else {
            this.field += c;
            this.state = "unquoted";
          }
      }
    }
    return records;
  }

  end(): CsvRecord[] {
    if (this.state === "quoted") this.error ??= "a quoted field is never closed";
    if (this.state === "start" && this.fields.length === 0 && this.field === "") return [];
    return [this.endRecord()];
  }

  private endField() {
    this.fields.push(this.field);
    this.field = "";
    this.state = "start";
  }

  private endRecord(): CsvRecord {
    this.endField();
    const record: CsvRecord = { line: this.recordLine, fields: this.fields };
    if (this.error) record.error = this.error;
    this.fields = [];
    this.error = undefined;
    this.recordLine = this.line;
    return record;
  }
}

export function parseCsv(text: string): CsvRecord[] {
  const parser = new CsvParser();
  return [...parser.push(text), ...parser.end()];
}

/** Reads a CSV file record by record without holding it in memory. */
export async function* readCsvFile(file: string): AsyncGenerator<CsvRecord> {
  const parser = new CsvParser();
  for await (const chunk of fs.createReadStream(file, { encoding: "utf8" })) {
    yield* parser.push(chunk as string);
  }
  yield* parser.end();
}

/**
 * One field: a value a spreadsheet would run as a formula (starting with =, +, -, @, tab or CR)
 * gets a leading apostrophe (so does one already guarded, so the import can strip exactly one); a value with a comma, quote or line break is quoted.
 */
export function csvField(value: string | number | null | undefined): string {
  let s = value === null || value === undefined ? "" : String(value);
  if (/^'*[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export const csvRow = (values: (string | number | null | undefined)[]): string =>
  `${values.map(csvField).join(",")}\r\n`;

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

// ---- `london-daily subscribers export|import` ----

async function newsletterIdOf(db: Db, slug: string | undefined, out: (line: string) => void) {
  const all = await db.selectFrom("newsletters").select(["id", "slug"]).orderBy("position").execute();
  const found = all.find((n) => n.slug === slug);
  if (!found) {
    out(
      `${slug === undefined ? "Name the newsletter with --newsletter <slug>" : `No newsletter "${slug}"`}; ` +
        `the newsletters are: ${all.map((n) => n.slug).join(", ")}`,
    );
  }
  return found?.id;
}

export async function subscribersExport(
  db: Kysely<Database>,
  args: { newsletter?: string | undefined; status?: string | undefined; out?: string | undefined },
  out: (line: string) => void,
): Promise<number> {
  let newsletterId: number | undefined;
  if (args.newsletter !== undefined) {
    newsletterId = await newsletterIdOf(db, args.newsletter, out);
    if (newsletterId === undefined) return 1;
  }
  const status = SUBSCRIPTION_STATUSES.find((s) => s === args.status);
  if (args.status !== undefined && !status) {
    out(`--status takes ${SUBSCRIPTION_STATUSES.join(", ")} (got "${args.status}")`);
    return 1;
  }
  const target: Writable = args.out ? fs.createWriteStream(args.out) : process.stdout;
  let rows = -1;
  for await (const chunk of exportSubscribersCsv(db, {
    ...(newsletterId !== undefined ? { newsletterId } : {}),
    ...(status ? { status } : {}),
  })) {
    rows += chunk.split("\r\n").length - 1;
    if (!target.write(chunk)) await once(target, "drain");
  }
  if (args.out) {
    await new Promise<void>((resolve, reject) => {
      target.once("error", reject);
      target.end(() => resolve());
    });
    out(`Exported ${rows} ${rows === 1 ? "subscription" : "subscriptions"} to ${args.out}.`);
  } else {
    process.stderr.write(`Exported ${rows} ${rows === 1 ? "subscription" : "subscriptions"}.\n`);
  }
  return 0;
}

export async function subscribersImport(
  db: Kysely<Database>,
  args: { file?: string | undefined; newsletter?: string | undefined; consent: boolean },
  out: (line: string) => void,
): Promise<number> {
  if (!args.file || !fs.existsSync(args.file)) {
    out(
      args.file
        ? `No such file: ${args.file}`
        : "Name the file: london-daily subscribers import <file.csv> --newsletter <slug>",
    );
    return 1;
  }
  const newsletterId = await newsletterIdOf(db, args.newsletter, out);
  if (newsletterId === undefined) return 1;
  let summary: ImportSubscribersSummary;
  try {
    summary = await importSubscribersCsv(db, readCsvFile(args.file), { newsletterId, consent: args.consent });
  } catch (error) {
    out(error instanceof Error ? error.message : String(error));
    return 1;
  }
  for (const s of summary.skipped) out(`line ${s.line} skipped: ${s.reason}`);
  for (const line of describeImport(summary, args.consent)) out(line);
  const bad = summary.skipped.filter((s) => s.kind === "bad").length;
  return bad > 0 && summary.skipped.length === bad && summary.added + summary.alreadySubscribed === 0 ? 1 : 0;
}
