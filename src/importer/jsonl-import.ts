import { plural } from "../platform/plural.js";
import fs from "node:fs";
import readline from "node:readline";
import type { Kysely } from "kysely";
import { z } from "zod";
import { validateDocument } from "../articles/document/document.schema.js";
import type { Database } from "../database.js";
import type { RebuildPhase } from "../discovery/discovery-index.js";
import { type BatchOptions, type BatchResult, type Parsed, writeBatch } from "./import-batch.js";
import { indexImported } from "./import-index.js";

// Imports an archive from JSON lines, {title, body, category?, published_at?, author?} per line:
// how a newsroom migrates its back catalogue, and how the evaluation and benchmarks load a corpus.
// Every line is checked before anything is written; a batch of lines is one transaction; a bad
// line is reported by number and skipped; a line already imported (same headline and body) is
// skipped too, so running an import twice adds nothing.

// PostgreSQL cannot store U+0000 in text: refused here, as a line, rather than failing its batch.
const text = () => z.string().refine((s) => !s.includes("\u0000"), "contains a NUL character (U+0000)");

export const importLineSchema = z.object({
  title: text().trim().min(1, "title is empty").max(300, "title is longer than 300 characters"),
  body: text().trim().min(1, "body is empty").max(200_000, "body is longer than 200,000 characters"),
  standfirst: text().trim().max(600).optional(),
  category: text().trim().min(1).max(80).optional(),
  published_at: z.iso.datetime({ offset: true, message: "published_at must be an ISO 8601 date-time" }).optional(),
  author: text().trim().min(1).max(120).optional(),
});
export type ImportLine = z.infer<typeof importLineSchema>;

export interface ImportOptions extends BatchOptions {
  /** Lines per transaction (default 1,000); any size works, the look-ups are bounded whatever it is. */
  batchSize?: number;
  /** Build the search index and related lists after the load (default true). */
  index?: boolean;
  now?: () => Date;
  /** "reading" counts bytes of the file; the index phases count articles. */
  onProgress?: (phase: ImportPhase, done: number, total: number) => void;
  onSkip?: (line: number, reason: string) => void;
}

export type ImportPhase = "reading" | RebuildPhase;

export interface ImportSummary {
  imported: number;
  skipped: { line: number; reason: string }[];
  alreadyPresent: number;
  sectionsCreated: string[];
  authorsCreated: number;
  articleIds: number[];
  /** How the discovery index was brought up to date: per article, new stories then every list, rebuilt whole, or not at all. */
  indexing: "none" | "incremental" | "append" | "rebuild";
}

/** An import that stopped: the message is one sentence for the person who ran it. */
export class ImportError extends Error {}

/** Turns plain text with blank-line paragraphs into the stored document (JSON text). */
export function plainTextToDocument(text: string): { ok: true; json: string } | { ok: false; error: string } {
  const paragraphs = text
    .replace(/\r\n?/g, "\n")
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s*\n\s*/g, " ").trim())
    .filter(Boolean);
  const doc = {
    type: "doc",
    content: paragraphs.map((p) => ({ type: "paragraph", content: [{ type: "text", text: p }] })),
  };
  const result = validateDocument(doc);
  return result.ok ? { ok: true, json: JSON.stringify(result.doc) } : { ok: false, error: result.errors.join("; ") };
}

export function parseImportLine(
  text: string,
): { ok: true; data: ImportLine; body: string } | { ok: false; error: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, error: "not valid JSON" };
  }
  const parsed = importLineSchema.safeParse(json);
  if (!parsed.success) {
    return {
      ok: false,
      error: parsed.error.issues
        .map((i) => (i.path.length ? `${i.path.join(".")}: ${i.message}` : i.message))
        .join("; "),
    };
  }
  const body = plainTextToDocument(parsed.data.body);
  return body.ok ? { ok: true, data: parsed.data, body: body.json } : { ok: false, error: `body: ${body.error}` };
}

export async function importJsonl(
  db: Kysely<Database>,
  file: string,
  options: ImportOptions = {},
): Promise<ImportSummary> {
  const { batchSize = 1000, now = () => new Date(), onProgress = () => {} } = options;
  if (!Number.isInteger(batchSize) || batchSize < 1)
    throw new ImportError("The batch size must be a whole number of lines, at least 1.");
  const summary: ImportSummary = {
    imported: 0,
    skipped: [],
    alreadyPresent: 0,
    sectionsCreated: [],
    authorsCreated: 0,
    articleIds: [],
    indexing: "none",
  };
  const toIndex: number[] = [];
  const presentPublished: number[] = [];
  const skip = (line: number, reason: string) => {
    summary.skipped.push({ line, reason });
    options.onSkip?.(line, reason);
  };
  const merge = (result: BatchResult) => {
    summary.imported += result.imported.length;
    summary.articleIds.push(...result.imported.map((a) => a.id));
    toIndex.push(...result.imported.filter((a) => a.published).map((a) => a.id));
    presentPublished.push(...result.present.filter((a) => a.published).map((a) => a.id));
    summary.alreadyPresent += result.alreadyPresent;
    summary.sectionsCreated.push(...result.sectionsCreated);
    summary.authorsCreated += result.authorsCreated;
  };
  const write = (rows: Parsed[]) => db.transaction().execute((trx) => writeBatch(trx, rows, options, now()));

  const total = fs.statSync(file).size;
  const stream = fs.createReadStream(file, { encoding: "utf8" });
  let bytes = 0;
  stream.on("data", (chunk) => (bytes += Buffer.byteLength(chunk)));
  const lines = readline.createInterface({ input: stream, crlfDelay: Infinity });

  let batch: Parsed[] = [];
  let refusedInARow = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    const rows = batch;
    batch = [];
    try {
      merge(await write(rows));
      refusedInARow = 0;
    } catch (error) {
      // One line the database refuses (which the checks above did not foresee) must not cost its
      // batch: the lines are tried one by one. Three refused in a row: the database is at fault.
      for (const row of rows) {
        try {
          merge(await write([row]));
          refusedInARow = 0;
        } catch (lineError) {
          if ((refusedInARow += 1) >= 3) {
            throw new ImportError(
              `The database failed at line ${row.line} (${describeError(lineError)}); ` +
                `${plural(summary.imported, "article was", "articles were")} imported before it. Run the same command again to go on: ` +
                `what is already imported is skipped.`,
              { cause: error },
            );
          }
          skip(row.line, `the database refused it: ${describeError(lineError)}`);
        }
      }
    }
    onProgress("reading", bytes, total);
  };

  let number = 0;
  for await (const text of lines) {
    number += 1;
    if (!text.trim()) continue;
    const parsed = parseImportLine(text);
    if (!parsed.ok) {
      skip(number, parsed.error);
      continue;
    }
    batch.push({ line: number, data: parsed.data, body: parsed.body });
    if (batch.length >= batchSize) await flush();
  }
  await flush();
  onProgress("reading", total, total);

  if (options.index !== false) {
    try {
      summary.indexing = await indexImported(db, toIndex, presentPublished, onProgress);
    } catch (error) {
      throw new ImportError(
        `${plural(summary.imported, "article is", "articles are")} imported, but the search index and related lists could not be built ` +
          `(${describeError(error)}). Run "london-daily reindex" to build them.`,
        { cause: error },
      );
    }
  }
  return summary;
}

/** The first line of an error's message: what the database said, without a stack. */
export function describeError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split("\n")[0]!.trim().replace(/\.$/, "") || "unknown error";
}
