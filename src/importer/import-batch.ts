import { textFactColumns } from "../articles/article-text.js";
import type { Db } from "../database.js";
import { slugify } from "../platform/slug.js";
import { ImportError, type ImportLine } from "./jsonl-import.js";

// Writes one batch of checked lines inside the caller's transaction: a few set-based look-ups and
// multi-row inserts whose size never depends on the batch. Every look-up goes through `in (…)`
// lists of at most LOOKUP_CHUNK values: an `or` per line nests one level deeper per line, and
// SQLite refuses an expression deeper than 1,000 ("Expression tree is too large"); bound
// parameters stay far below SQLite's 32,766 and PostgreSQL's 65,535 per statement.

/** Values per `in (…)` look-up. */
export const LOOKUP_CHUNK = 1000;
/** Rows per INSERT: articles have 13 bound columns, so 13 × 400 = 5,200 parameters. */
const INSERT_ROWS = 400;
/** Headlines whose slug is taken already, searched for numbered variants per query (an `or` each). */
const LIKE_CHUNK = 50;

export interface Parsed {
  line: number;
  data: ImportLine;
  /** The body as the stored document (JSON text). */
  body: string;
}

export interface BatchOptions {
  sectionFrom?: "category";
  /** The section for lines without a category (a slug or name; created only with createSections). */
  section?: string;
  publish?: boolean;
  /** Sections a line names that do not exist are created (otherwise the import stops before writing). */
  createSections?: boolean;
  /** With `publish`: the publication time of lines without `published_at` (without it they are drafts). */
  undatedAt?: Date;
  timeZone?: string;
}

export interface BatchResult {
  imported: { id: number; published: boolean }[];
  /** Lines already imported (same headline and body), earlier or in this batch. */
  alreadyPresent: number;
  /** The articles found already imported: an import run again after a failure finishes indexing them. */
  present: { id: number; published: boolean }[];
  sectionsCreated: string[];
  authorsCreated: number;
}

export const chunks = <T>(items: T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));

export async function writeBatch(trx: Db, rows: Parsed[], options: BatchOptions, now: Date): Promise<BatchResult> {
  const result: BatchResult = { imported: [], alreadyPresent: 0, present: [], sectionsCreated: [], authorsCreated: 0 };
  const existing = new Map<string, { id: number; published: boolean }>();
  for (const part of chunks([...new Set(rows.map((r) => r.data.title))], LOOKUP_CHUNK)) {
    const found = await trx
      .selectFrom("articles")
      .select(["id", "headline", "body", "status"])
      .where("headline", "in", part)
      .execute();
    for (const e of found)
      existing.set(`${e.headline}\u0000${e.body}`, { id: e.id, published: e.status === "published" });
  }
  const fresh: Parsed[] = [];
  const seen = new Set<string>();
  for (const r of rows) {
    const key = `${r.data.title}\u0000${r.body}`;
    const found = existing.get(key);
    if (found) result.present.push(found);
    if (found || seen.has(key)) result.alreadyPresent += 1;
    else {
      seen.add(key);
      fresh.push(r);
    }
  }
  if (fresh.length === 0) return result;

  const sections = await resolveSections(trx, fresh, options, result);
  const authors = await resolveAuthors(trx, fresh, result);
  const slugs = await uniqueSlugs(
    trx,
    fresh.map((r) => slugify(r.data.title) || "story"),
  );
  const values = fresh.map((r, i) => {
    // A line without a date never goes out as news of the moment: a draft, or the date asked for.
    const publishedAt = options.publish
      ? r.data.published_at
        ? new Date(r.data.published_at)
        : (options.undatedAt ?? null)
      : null;
    return {
      slug: slugs[i]!,
      headline: r.data.title,
      standfirst: r.data.standfirst ?? "",
      body: r.body,
      ...textFactColumns(r.data.standfirst ?? "", r.body),
      section_id: sections.get(sectionKey(r, options))!,
      hero_media_id: null,
      hero_caption: null,
      hero_credit: null,
      video_id: null,
      status: publishedAt ? ("published" as const) : ("draft" as const),
      published_at: publishedAt?.toISOString() ?? null,
      updated_at: (publishedAt ?? now).toISOString(),
      created_at: now.toISOString(),
    };
  });
  // RETURNING gives no order for a multi-row insert; the slug is unique, so it maps each id back.
  const idBySlug = new Map<string, number>();
  for (const part of chunks(values, INSERT_ROWS)) {
    const inserted = await trx.insertInto("articles").values(part).returning(["id", "slug"]).execute();
    for (const row of inserted) idBySlug.set(row.slug, row.id);
  }
  const byline = fresh.flatMap((r, i) =>
    r.data.author
      ? [{ article_id: idBySlug.get(slugs[i]!)!, author_id: authors.get(r.data.author.toLowerCase())!, position: 0 }]
      : [],
  );
  for (const part of chunks(byline, INSERT_ROWS * 4)) await trx.insertInto("article_authors").values(part).execute();
  result.imported = values.map((v) => ({ id: idBySlug.get(v.slug)!, published: v.status === "published" }));
  return result;
}

const sectionKey = (r: Parsed, options: BatchOptions) =>
  (options.sectionFrom === "category" && r.data.category ? slugify(r.data.category) : undefined) ?? "";

async function resolveSections(trx: Db, rows: Parsed[], options: BatchOptions, result: BatchResult) {
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
    result.sectionsCreated.push(slug);
    return row.id;
  };
  const fallbackSlug = options.section ? slugify(options.section) || "news" : (all[0]?.slug ?? "news");
  const creating = async (slug: string, name: string) => {
    // Checked before the first batch (import-sections.ts); a section removed meanwhile stops here.
    if (!options.createSections)
      throw new ImportError(`There is no section "${slug}": add --create-sections to create it.`);
    return create(slug, name);
  };
  const out = new Map<string, number>();
  for (const r of rows) {
    const key = sectionKey(r, options);
    if (out.has(key)) continue;
    const slug = key || fallbackSlug;
    const name = key ? r.data.category! : (options.section ?? "News");
    out.set(key, bySlug.get(slug) ?? (await creating(slug, titleCase(name))));
  }
  return out;
}

async function resolveAuthors(trx: Db, rows: Parsed[], result: BatchResult) {
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
    result.authorsCreated += 1;
  }
  return out;
}

/**
 * Slugs not yet taken by an article (now or in its slug history), numbered where they clash.
 * Exact matches first, in bounded `in` lists; only the few headlines whose plain slug is taken are
 * then searched for their numbered variants (`slug-2`, `slug-3`, …).
 */
export async function uniqueSlugs(trx: Db, wanted: string[]): Promise<string[]> {
  const bases = [...new Set(wanted)];
  const taken = new Set<string>();
  for (const table of ["articles", "article_slug_history"] as const) {
    for (const part of chunks(bases, LOOKUP_CHUNK)) {
      const rows = await trx.selectFrom(table).select("slug").where("slug", "in", part).execute();
      for (const r of rows) taken.add(r.slug);
    }
  }
  const clashing = bases.filter((b) => taken.has(b));
  for (const table of ["articles", "article_slug_history"] as const) {
    for (const part of chunks(clashing, LIKE_CHUNK)) {
      const rows = await trx
        .selectFrom(table)
        .select("slug")
        .where((eb) => eb.or(part.map((b) => eb("slug", "like", `${b.slice(0, 74)}-%`))))
        .execute();
      for (const r of rows) taken.add(r.slug);
    }
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
