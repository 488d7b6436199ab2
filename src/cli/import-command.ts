import fs from "node:fs";
import type { Kysely } from "kysely";
import type { Database } from "../database.js";
import { type ImportPhase, ImportError, archiveDate, describeError, importJsonl } from "../importer/jsonl-import.js";
import { progressBar } from "./progress.js";

// `london-daily import jsonl <file>`: every way it can end is one sentence on stdout (bad lines one
// sentence each on stderr), never a stack trace; the exit code says whether anything usable was found.

export interface ImportCommandOptions {
  file: string | undefined;
  sectionFrom: unknown;
  section: unknown;
  publish: boolean;
  createSections: boolean;
  /** `--undated-at`: the date (ISO, with or without a time) for lines without `published_at`. */
  undatedAt: unknown;
  batchSize: unknown;
  timeZone: string;
}

const PHASES: Record<ImportPhase, string> = {
  reading: "Importing",
  counting: "Counting words",
  indexing: "Indexing",
  relating: "Relating articles",
};

/** "3 published articles", "2 drafts", "5 articles (3 published, 2 drafts)". */
function importedWords(imported: number, published: number): string {
  const drafts = imported - published;
  const n = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;
  if (drafts === 0 && published > 0) return n(published, "published article", "published articles");
  if (published === 0) return n(drafts, "draft", "drafts");
  return `${n(imported, "article", "articles")} (${published} published, ${n(drafts, "draft", "drafts")})`;
}

/** Checks the arguments before anything opens the database: null when they are fine. */
export function checkImportArguments(options: ImportCommandOptions): string | null {
  const { file, sectionFrom, batchSize } = options;
  if (!file) return "Name the file to import: london-daily import jsonl <file>";
  if (!fs.existsSync(file)) return `No such file: ${file}`;
  if (sectionFrom !== undefined && sectionFrom !== "category")
    return `--section-from takes "category" (got "${String(sectionFrom)}")`;
  if (options.undatedAt !== undefined) {
    const at = typeof options.undatedAt === "string" ? archiveDate(options.undatedAt, options.timeZone) : undefined;
    if (!at || Number.isNaN(at.getTime()) || !/^\d{4}-\d{2}-\d{2}($|T)/.test(String(options.undatedAt)))
      return `--undated-at takes an ISO date (2003-07-08) or date-time (2003-07-08T09:30:00Z) (got "${String(options.undatedAt)}")`;
    if (!options.publish) return "--undated-at dates the lines --publish publishes: add --publish, or leave it out";
  }
  if (batchSize !== undefined && !/^[1-9]\d{0,6}$/.test(String(batchSize)))
    return `--batch-size takes a whole number of lines from 1 to 9,999,999 (got "${String(batchSize)}")`;
  return null;
}

export async function importCommand(
  db: Kysely<Database>,
  options: ImportCommandOptions,
  out: (line: string) => void,
): Promise<number> {
  const started = performance.now();
  const bars = new Map<ImportPhase, ReturnType<typeof progressBar>>();
  try {
    const summary = await importJsonl(db, options.file!, {
      publish: options.publish,
      createSections: options.createSections,
      timeZone: options.timeZone,
      ...(typeof options.undatedAt === "string"
        ? { undatedAt: archiveDate(options.undatedAt, options.timeZone)! }
        : {}),
      ...(options.sectionFrom ? { sectionFrom: "category" as const } : {}),
      ...(typeof options.section === "string" ? { section: options.section } : {}),
      ...(options.batchSize !== undefined ? { batchSize: Number(options.batchSize) } : {}),
      onProgress: (phase, done, total) => {
        if (!bars.has(phase)) bars.set(phase, progressBar(PHASES[phase]));
        bars.get(phase)!.update(done, total);
      },
      onSkip: (line, reason) => process.stderr.write(`line ${line} skipped: ${reason}\n`),
    });
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    out(
      `Imported ${importedWords(summary.imported, summary.published)} in ${seconds} s; ` +
        `${summary.skipped.length} bad ${summary.skipped.length === 1 ? "line" : "lines"} skipped; ` +
        `${summary.alreadyPresent} already present.` +
        (summary.sectionsCreated.length ? ` New sections: ${summary.sectionsCreated.join(", ")}.` : "") +
        (summary.authorsCreated ? ` New authors: ${summary.authorsCreated}.` : ""),
    );
    // A file of nothing but bad lines is a failure; anything usable (new or already there) is not.
    return summary.skipped.length > 0 && summary.imported + summary.alreadyPresent === 0 ? 1 : 0;
  } catch (error) {
    out(error instanceof ImportError ? error.message : `The import stopped: ${describeError(error)}.`);
    return 1;
  }
}
