import fs from "node:fs";
import readline from "node:readline";
import type { Kysely } from "kysely";
import { z } from "zod";
import { validateDocument } from "../articles/document/document.schema.js";
import type { Database, Db } from "../database.js";
import { reindexArticles } from "../discovery/discovery-index.js";
import { slugify } from "../platform/slug.js";

// Imports an archive from JSON lines, {title, body, category?, published_at?, author?} per line:
// how a newsroom migrates its back catalogue, and how the evaluation and benchmarks load a corpus.
// Every line is checked before anything is written; a batch of lines is one transaction; a bad
// line is reported by number and skipped; a line already imported (same headline and body) is
// skipped too, so running an import twice adds nothing.

export const importLineSchema = z.object({
  title: z.string().trim().min(1, "title is empty").max(300, "title is longer than 300 characters"),
  body: z.string().trim().min(1, "body is empty").max(200_000, "body is longer than 200,000 characters"),
  standfirst: z.string().trim().max(600).optional(),
  category: z.string().trim().min(1).max(80).optional(),
  published_at: z.iso.datetime({ offset: true, message: "published_at must be an ISO 8601 date-time" }).optional(),
  author: z.string().trim().min(1).max(120).optional(),
});
export type ImportLine = z.infer<typeof importLineSchema>;

export interface ImportOptions {
  /** Take each article's section from this field of the line (only `category` is supported). */
  sectionFrom?: "category";
  /** The section for lines without one; created if missing. Defaults to the first section, or "news". */
  section?: string;
  /** Publish what is imported (at the line's published_at, or now); otherwise drafts. */
  publish?: boolean;
  batchSize?: number;
  now?: () => Date;
  onProgress?: (bytesRead: number, bytesTotal: number) => void;
  onSkip?: (line: number, reason: string) => void;
}

export interface ImportSummary {
  imported: number;
  skipped: { line: number; reason: string }[];
  alreadyPresent: number;
  sectionsCreated: string[];
  authorsCreated: number;
  articleIds: number[];
}

interface Parsed {
  line: number;
  data: ImportLine;
  body: string;
}

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
  const { batchSize = 500, now = () => new Date() } = options;
  const summary: ImportSummary = {
    imported: 0,
    skipped: [],
    alreadyPresent: 0,
    sectionsCreated: [],
    authorsCreated: 0,
    articleIds: [],
  };
  const skip = (line: number, reason: string) => {
    summary.skipped.push({ line, reason });
    options.onSkip?.(line, reason);
  };
  const total = fs.statSync(file).size;
  const stream = fs.createReadStream(file, { encoding: "utf8" });
  let bytes = 0;
  stream.on("data", (chunk) => (bytes += Buffer.byteLength(chunk)));
  const lines = readline.createInterface({ input: stream, crlfDelay: Infinity });

  let batch: Parsed[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    const rows = batch;
    batch = [];
    await db.transaction().execute((trx) => writeBatch(trx, rows, options, now(), summary));
    options.onProgress?.(bytes, total);
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
  options.onProgress?.(total, total);
  return summary;
}

async function writeBatch(trx: Db, rows: Parsed[], options: ImportOptions, now: Date, summary: ImportSummary) {
  // Already imported: the same headline with the same body.
  const existing = await trx
    .selectFrom("articles")
    .select(["headline", "body"])
    .where(
      "headline",
      "in",
      rows.map((r) => r.data.title),
    )
    .execute();
  const present = new Set(existing.map((e) => `${e.headline}\u0000${e.body}`));
  const fresh: Parsed[] = [];
  for (const r of rows) {
    const key = `${r.data.title}\u0000${r.body}`;
    if (present.has(key)) summary.alreadyPresent += 1;
    else {
      present.add(key);
      fresh.push(r);
    }
  }
  if (fresh.length === 0) return;

  const sections = await resolveSections(trx, fresh, options, summary);
  const authors = await resolveAuthors(trx, fresh, summary);
  const slugs = await uniqueSlugs(
    trx,
    fresh.map((r) => slugify(r.data.title) || "story"),
  );
  const ids: number[] = [];
  for (const [i, r] of fresh.entries()) {
    const publishedAt = options.publish ? (r.data.published_at ? new Date(r.data.published_at) : now) : null;
    const stamp = (publishedAt ?? now).toISOString();
    const row = await trx
      .insertInto("articles")
      .values({
        slug: slugs[i]!,
        headline: r.data.title,
        standfirst: r.data.standfirst ?? "",
        body: r.body,
        section_id: sections.get(sectionKey(r, options))!,
        hero_media_id: null,
        hero_caption: null,
        hero_credit: null,
        video_id: null,
        status: publishedAt ? "published" : "draft",
        published_at: publishedAt?.toISOString() ?? null,
        updated_at: stamp,
        created_at: now.toISOString(),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    ids.push(row.id);
    if (r.data.author) {
      await trx
        .insertInto("article_authors")
        .values({ article_id: row.id, author_id: authors.get(r.data.author.toLowerCase())!, position: 0 })
        .execute();
    }
  }
  // Search entries and term vectors now; related lists once the whole archive is in (the caller).
  await reindexArticles(trx, ids, { related: false });
  summary.imported += ids.length;
  summary.articleIds.push(...ids);
}

const sectionKey = (r: Parsed, options: ImportOptions) =>
  (options.sectionFrom === "category" && r.data.category ? slugify(r.data.category) : undefined) ?? "";

async function resolveSections(trx: Db, rows: Parsed[], options: ImportOptions, summary: ImportSummary) {
  const all = await trx.selectFrom("sections").select(["id", "slug", "position"]).orderBy("position").execute();
  const bySlug = new Map(all.map((s) => [s.slug, s.id]));
  let position = all.reduce((max, s) => Math.max(max, s.position), -1);
  const create = async (slug: string, name: string) => {
    const row = await trx
      .insertInto("sections")
      .values({ slug, name, position: (position += 1) })
      .returning("id")
      .executeTakeFirstOrThrow();
    bySlug.set(slug, row.id);
    summary.sectionsCreated.push(slug);
    return row.id;
  };
  const fallbackSlug = options.section ? slugify(options.section) : (all[0]?.slug ?? "news");
  const out = new Map<string, number>();
  for (const r of rows) {
    const key = sectionKey(r, options);
    if (out.has(key)) continue;
    const slug = key || fallbackSlug;
    const name = key ? r.data.category! : (options.section ?? "News");
    out.set(key, bySlug.get(slug) ?? (await create(slug, titleCase(name))));
  }
  return out;
}

async function resolveAuthors(trx: Db, rows: Parsed[], summary: ImportSummary) {
  const names = [...new Set(rows.flatMap((r) => (r.data.author ? [r.data.author] : [])))];
  const out = new Map<string, number>();
  if (names.length === 0) return out;
  const known = await trx.selectFrom("authors").select(["id", "name", "slug"]).execute();
  for (const a of known) out.set(a.name.toLowerCase(), a.id);
  const slugs = new Set(known.map((a) => a.slug));
  for (const name of names) {
    if (out.has(name.toLowerCase())) continue;
    let slug = slugify(name) || "author";
    for (let n = 2; slugs.has(slug); n += 1) slug = `${slugify(name) || "author"}-${n}`;
    slugs.add(slug);
    const row = await trx.insertInto("authors").values({ slug, name }).returning("id").executeTakeFirstOrThrow();
    out.set(name.toLowerCase(), row.id);
    summary.authorsCreated += 1;
  }
  return out;
}

/** Slugs not yet taken by an article (now or in its slug history), numbered where they clash. */
async function uniqueSlugs(trx: Db, wanted: string[]): Promise<string[]> {
  const bases = [...new Set(wanted)];
  const taken = new Set<string>();
  for (const table of ["articles", "article_slug_history"] as const) {
    const rows = await trx
      .selectFrom(table)
      .select("slug")
      .where((eb) => eb.or(bases.flatMap((b) => [eb("slug", "=", b), eb("slug", "like", `${b}-%`)])))
      .execute();
    for (const r of rows) taken.add(r.slug);
  }
  return wanted.map((base) => {
    let slug = base;
    for (let n = 2; taken.has(slug); n += 1) slug = `${base.slice(0, 74)}-${n}`;
    taken.add(slug);
    return slug;
  });
}

const titleCase = (text: string) =>
  text.replace(/(^|[\s-])(\p{L})/gu, (_, sep: string, c: string) => sep + c.toUpperCase());
