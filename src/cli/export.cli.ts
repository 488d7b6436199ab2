import fs from "node:fs";
import type { Kysely } from "kysely";
import type { Database } from "../database.js";
import type { Dialect } from "../platform/db/connect.js";
import type { Storage } from "../platform/storage/storage.js";
import { filesDirOf } from "../site-export/export-format.js";
import { writeSiteExport } from "../site-export/site-export.js";
import { LoadError, loadSite } from "../site-export/site-load.js";
import { describeError } from "../importer/jsonl-import.js";

// `london-daily export <file>` and `london-daily import london-daily <file>` (docs/export-format.md).

export const EXPORT_HELP = `  export <file>    Write everything the publisher owns (articles with corrections, authors,
                   sections, tags, media and videos with their files, captions, newsletters,
                   subscribers with consent, the front page, redirects) as <file> (JSON, format
                   in docs/export-format.md) and the folder <file>.files
  import london-daily <file>
                   Load such an export into a new, empty site (ids kept, all or nothing)`;

export async function exportCommand(
  db: Kysely<Database>,
  storage: Storage,
  file: string | undefined,
  out: (line: string) => void,
) {
  if (!file) {
    out("Name the file to write: london-daily export <file>");
    return 1;
  }
  const started = performance.now();
  const { site, missing } = await writeSiteExport(db, storage, file, new Date());
  const t = site.tables;
  out(
    `Exported ${t.articles.length} articles, ${t.authors.length} authors, ${t.sections.length} sections, ${t.tags.length} tags, ` +
      `${t.media.length} images, ${t.videos.length} videos, ${t.subscribers.length} subscribers and ${site.files.length} files ` +
      `to ${file} and ${filesDirOf(file)} in ${((performance.now() - started) / 1000).toFixed(1)} s.`,
  );
  for (const key of missing) out(`  missing file (named by a row, not in storage): ${key}`);
  return 0;
}

export async function loadCommand(
  db: Kysely<Database>,
  dialect: Dialect,
  storage: Storage,
  file: string | undefined,
  out: (line: string) => void,
) {
  if (!file || !fs.existsSync(file)) {
    out(file ? `No such file: ${file}` : "Name the export to load: london-daily import london-daily <file>");
    return 1;
  }
  try {
    const { rows, files } = await loadSite(db, dialect, storage, file);
    out(
      `Loaded ${Object.entries(rows)
        .map(([t, n]) => `${n} ${t}`)
        .join(", ")} and ${files} files. Run "london-daily reindex" to build search and related lists.`,
    );
    return 0;
  } catch (error) {
    out(
      error instanceof LoadError ? error.message : `The import stopped: ${describeError(error)}. Nothing was imported.`,
    );
    return 1;
  }
}
