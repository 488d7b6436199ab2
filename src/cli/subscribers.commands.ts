import { once } from "node:events";
import fs from "node:fs";
import type { Writable } from "node:stream";
import type { Kysely } from "kysely";
import type { Database, Db } from "../database.js";
import {
  type ImportSubscribersSummary,
  SUBSCRIPTION_STATUSES,
  describeImport,
  exportSubscribersCsv,
  importSubscribersCsv,
} from "../newsletters/subscribers-csv.js";
import { readCsvFile } from "../platform/csv.js";

// `london-daily subscribers export|import`.

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
