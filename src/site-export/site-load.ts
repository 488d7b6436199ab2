import fs from "node:fs";
import path from "node:path";
import { type Kysely, sql } from "kysely";
import { validateDocument } from "../articles/document/document.schema.js";
import type { Database } from "../database.js";
import type { Dialect } from "../platform/db/connect.js";
import type { Storage } from "../platform/storage/storage.js";
import { EXPORTED_TABLES, type SiteExportFile, exportSchema, filesDirOf } from "./export-format.js";

// `london-daily import london-daily <file>`: loads an export into an empty site (no articles,
// media, videos, subscribers, authors, tags or sections), ids kept, in one transaction: the site
// has all of it or none. The newsletters a new database starts with are replaced by the export's.
// Every article body is checked against the document schema before anything is written.

export class LoadError extends Error {}

const ROWS_PER_INSERT = 200;
const MUST_BE_EMPTY = ["articles", "media", "videos", "subscribers", "authors", "tags", "sections"] as const;

export function readExportFile(file: string): SiteExportFile {
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (error) {
    throw new LoadError(
      `${path.basename(file)} is not JSON (${(error as Error).message.split("\n")[0]}). Nothing was imported.`,
    );
  }
  const parsed = exportSchema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 3).map((i) => `${i.path.join(".") || "(file)"}: ${i.message}`);
    throw new LoadError(
      `This is not a London Daily export this site can read: ${issues.join("; ")}. Nothing was imported.`,
    );
  }
  for (const article of parsed.data.tables.articles) {
    let body: unknown;
    try {
      body = JSON.parse(String(article.body));
    } catch {
      body = undefined;
    }
    const checked = validateDocument(body);
    if (!checked.ok)
      throw new LoadError(
        `Article ${String(article.id)} has a body this site refuses (${checked.errors[0]}). Nothing was imported.`,
      );
  }
  return parsed.data;
}

export async function loadSite(
  db: Kysely<Database>,
  dialect: Dialect,
  storage: Storage,
  file: string,
): Promise<{ rows: Record<string, number>; files: number }> {
  const site = readExportFile(file);
  for (const table of MUST_BE_EMPTY) {
    const found = await db
      .selectFrom(table)
      .select(sql<number>`1`.as("one"))
      .limit(1)
      .executeTakeFirst();
    if (found)
      throw new LoadError(
        `The site is not empty (it has ${table}): an export loads into a new site only. Nothing was imported.`,
      );
  }
  // Files first: a load that fails later leaves unreferenced files, never rows without their files.
  const dir = filesDirOf(file);
  for (const key of site.files) {
    if (key.split("/").some((part) => part === ".." || part === ""))
      throw new LoadError(`The export names a file outside its folder (${key}). Nothing was imported.`);
    const source = path.join(dir, ...key.split("/"));
    if (!fs.existsSync(source))
      throw new LoadError(`The export's file ${key} is missing from ${path.basename(dir)}. Nothing was imported.`);
    await storage.write(key, fs.createReadStream(source));
  }
  const rows: Record<string, number> = {};
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom("newsletters").execute();
    for (const table of EXPORTED_TABLES) {
      const list = site.tables[table];
      rows[table] = list.length;
      for (let i = 0; i < list.length; i += ROWS_PER_INSERT)
        await trx
          .insertInto(table as never)
          .values(list.slice(i, i + ROWS_PER_INSERT) as never)
          .execute();
    }
    // Ids were written as they were: PostgreSQL's sequences must move past them.
    if (dialect === "postgres") {
      for (const table of EXPORTED_TABLES) {
        if (!site.tables[table].some((r) => "id" in r) || table === "article_slug_history") continue;
        await sql`select setval(pg_get_serial_sequence(${table}, 'id'), greatest(coalesce((select max(id) from ${sql.table(table)}), 0), 1))`.execute(
          trx,
        );
      }
    }
  });
  return { rows, files: site.files.length };
}
