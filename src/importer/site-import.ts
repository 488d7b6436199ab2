import type { Kysely } from "kysely";
import type { Database } from "../database.js";
import { plural } from "../platform/plural.js";
import { slugify } from "../platform/slug.js";
import type { Storage } from "../platform/storage/storage.js";
import { addRedirects } from "../redirects/redirect.queries.js";
import { chunks, LOOKUP_CHUNK } from "./import-batch.js";
import { indexImported } from "./import-index.js";
import { type MediaFetchOptions, mediaImport } from "./import-media.js";
import { ImportError, type ImportPhase, describeError } from "./jsonl-import.js";
import { type SiteExport, type SitePost, type SkippedItem, sitePostSchema } from "./site-model.js";
import { convertBody, picturesOf } from "./site-pictures.js";
import { type PostRow, keyed, writePosts } from "./site-post-writes.js";
import { settleTaxonomy } from "./site-taxonomy.js";

// Writes a read export (Ghost, WordPress) into the site (docs/adr/034): authors, tags and sections
// first, then posts in batches, each batch one transaction with what its posts became
// (imported_items) and their old addresses (redirects), so an import stopped anywhere and run again
// goes on where it stopped and adds nothing twice. Pictures are stored before their batch (files
// cannot be rolled back; a picture stored by a batch that failed is reused by the next run).
// Like every import it never touches the front page.

export interface SiteImportOptions {
  storage: Storage;
  mediaDir?: string;
  /** Fetch the pictures not found in mediaDir from their addresses (`--fetch-media`). */
  fetchMedia?: MediaFetchOptions;
  dryRun?: boolean;
  /** The section (slug or name) for posts and pages without a category; default the first section. */
  section?: string;
  batchSize?: number;
  index?: boolean;
  now?: () => Date;
  onProgress?: (phase: ImportPhase, done: number, total: number) => void;
  onSkip?: (item: string, reason: string) => void;
}

export interface SiteImportSummary {
  posts: number;
  pages: number;
  published: number;
  alreadyPresent: number;
  skipped: SkippedItem[];
  ignored: SkippedItem[];
  created: { authors: number; tags: number; sections: string[] };
  images: { stored: number; reused: number; failed: number };
  /** Elements of the bodies that were dropped, by name (script, iframe, img…). */
  dropped: Record<string, number>;
  redirects: number;
  articleIds: number[];
}

export async function importSite(
  db: Kysely<Database>,
  site: SiteExport,
  options: SiteImportOptions,
): Promise<SiteImportSummary> {
  const { now = () => new Date(), onProgress = () => {}, dryRun = false, batchSize = 200 } = options;
  const summary: SiteImportSummary = {
    posts: 0,
    pages: 0,
    published: 0,
    alreadyPresent: 0,
    skipped: [],
    ignored: site.ignored,
    created: { authors: 0, tags: 0, sections: [] },
    images: { stored: 0, reused: 0, failed: 0 },
    dropped: {},
    redirects: 0,
    articleIds: [],
  };
  const skip = (item: string, reason: string) => {
    summary.skipped.push({ item, reason });
    options.onSkip?.(item, reason);
  };
  const fallback = await fallbackSection(db, options.section);
  // Ghost has no sections: its posts go to one of ours, which must exist (as for every import).
  if (fallback === undefined && site.posts.some((p) => !(p as { sectionId?: unknown }).sectionId))
    throw new ImportError(
      "The site has no section yet to put the posts in: create one in the newsroom first (then name it with --section, or the first is used). Nothing was imported.",
    );
  const taxonomy = dryRun
    ? await settleTaxonomy(db, site, now(), true)
    : await db.transaction().execute((trx) => settleTaxonomy(trx, site, now(), false));
  summary.created = taxonomy.created;
  if (!dryRun) summary.redirects += await addRedirects(db, site.source, keyed(taxonomy.redirects), now());

  const media = mediaImport(db, options.storage, {
    source: site.source,
    ...(options.mediaDir ? { mediaDir: options.mediaDir } : {}),
    ...(options.fetchMedia ? { fetch: options.fetchMedia } : {}),
    dryRun,
    now,
  });
  const dropped = new Map<string, number>();
  const presentPublished: number[] = [];
  const toIndex: number[] = [];
  let done = 0;
  for (const batch of chunks(site.posts, batchSize)) {
    const checked: SitePost[] = [];
    for (const raw of batch) {
      const parsed = sitePostSchema.safeParse(raw);
      if (parsed.success) checked.push(parsed.data);
      else
        skip(
          describeItem(raw),
          parsed.error.issues.map((i) => (i.path.length ? `${i.path.join(".")}: ${i.message}` : i.message)).join("; "),
        );
    }
    const present = await alreadyImported(db, site.source, checked);
    summary.alreadyPresent += present.size;
    presentPublished.push(...[...present.values()].filter((id) => id > 0));
    const fresh = checked.filter((p) => !present.has(`${p.kind}:${p.externalId}`));
    // The batch's pictures all at once (a few at a time inside), before its transaction opens.
    await Promise.all(fresh.flatMap(picturesOf).map(({ src, described }) => media.resolve(src, described)));
    const rows: PostRow[] = [];
    for (const post of fresh) {
      const sectionId = (post.sectionId && taxonomy.sections.get(post.sectionId)) || fallback;
      if (sectionId === undefined) {
        skip(
          describeItem(post),
          "it has no category and the site has no section to put it in (name one with --section)",
        );
        continue;
      }
      for (const [name, n] of Object.entries(post.dropped ?? {})) dropped.set(name, (dropped.get(name) ?? 0) + n);
      const body = await convertBody(post, media, dropped);
      const hero = post.featureImage ? await media.resolve(post.featureImage.src, post.featureImage) : undefined;
      rows.push({ post, sectionId, body, hero });
    }
    if (!dryRun && rows.length) {
      try {
        const written = await db.transaction().execute((trx) => writePosts(trx, site.source, rows, taxonomy, now()));
        summary.redirects += written.redirects;
        summary.articleIds.push(...written.ids);
        toIndex.push(...written.ids.filter((_, i) => rows[i]!.post.status === "published"));
      } catch (error) {
        throw new ImportError(
          `The database refused a batch (${describeError(error)}); ${plural(summary.posts + summary.pages, "item was", "items were")} imported before it. ` +
            "Run the same command again to go on: what is imported already is skipped.",
          { cause: error },
        );
      }
    }
    for (const { post } of rows) {
      if (post.kind === "page") summary.pages += 1;
      else summary.posts += 1;
      if (post.status === "published") summary.published += 1;
    }
    onProgress("reading", (done += batch.length), site.posts.length);
  }
  summary.images = { ...media.counts, failed: media.failures.size };
  for (const [src, reason] of media.failures) skip(`image ${src}`, reason);
  summary.dropped = Object.fromEntries([...dropped].sort());
  if (!dryRun && options.index !== false) {
    try {
      await indexImported(db, toIndex, presentPublished, onProgress);
    } catch (error) {
      throw new ImportError(
        `The posts are imported, but the search index and related lists could not be built (${describeError(error)}). Run "london-daily reindex" to build them.`,
        { cause: error },
      );
    }
  }
  return summary;
}

const describeItem = (raw: unknown) => {
  const r = (raw ?? {}) as { kind?: unknown; externalId?: unknown; title?: unknown };
  const title = typeof r.title === "string" && r.title.trim() ? ` "${r.title.trim().slice(0, 80)}"` : "";
  return `${typeof r.kind === "string" ? r.kind : "item"} ${String(r.externalId ?? "?")}${title}`;
};

async function fallbackSection(db: Kysely<Database>, wanted: string | undefined): Promise<number | undefined> {
  const sections = await db.selectFrom("sections").select(["id", "slug", "name"]).orderBy("position").execute();
  if (wanted === undefined) return sections[0]?.id;
  const found = sections.find(
    (s) => s.slug === slugify(wanted) || s.name.toLowerCase() === wanted.trim().toLowerCase(),
  );
  if (!found)
    throw new ImportError(
      `There is no section "${wanted}" (the sections are ${sections.map((s) => s.slug).join(", ") || "none yet"}). Nothing was imported.`,
    );
  return found.id;
}

/** Posts an earlier run imported: "post:<id>" → the article id when published (its index may be unfinished), else 0. */
async function alreadyImported(db: Kysely<Database>, source: string, posts: SitePost[]): Promise<Map<string, number>> {
  const found = new Map<string, number>();
  for (const kind of ["post", "page"] as const) {
    const ids = posts.filter((p) => p.kind === kind).map((p) => p.externalId);
    for (const part of chunks(ids, LOOKUP_CHUNK)) {
      const rows = await db
        .selectFrom("imported_items")
        .innerJoin("articles", "articles.id", "imported_items.local_id")
        .select(["imported_items.external_id", "articles.id", "articles.status"])
        .where("imported_items.source", "=", source)
        .where("imported_items.kind", "=", kind)
        .where("imported_items.external_id", "in", part)
        .execute();
      for (const r of rows) found.set(`${kind}:${r.external_id}`, r.status === "published" ? r.id : 0);
    }
  }
  return found;
}
