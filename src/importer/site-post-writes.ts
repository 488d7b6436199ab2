import type { Kysely } from "kysely";
import { textFactColumns } from "../articles/article-text.js";
import type { Database } from "../database.js";
import { slugify } from "../platform/slug.js";
import { oldPathKey } from "../redirects/old-path.js";
import { addRedirects } from "../redirects/redirect.queries.js";
import { chunks, uniqueSlugs } from "./import-batch.js";
import type { SitePost } from "./site-model.js";
import { settleTaxonomy } from "./site-taxonomy.js";

// One batch of imported posts written in its transaction (site-import.ts): the articles with
// unique slugs, their bylines and topics, what each post became (imported_items) and its old
// addresses as redirects.

export interface PostRow {
  post: SitePost;
  sectionId: number;
  body: string;
  hero: number | undefined;
}

export async function writePosts(
  trx: Kysely<Database>,
  source: string,
  rows: PostRow[],
  taxonomy: Awaited<ReturnType<typeof settleTaxonomy>>,
  now: Date,
): Promise<{ ids: number[]; redirects: number }> {
  const slugs = await uniqueSlugs(
    trx,
    rows.map(({ post }) => slugify(post.slug || post.title) || "story"),
  );
  const values = rows.map(({ post, sectionId, body, hero }, i) => {
    const publishedAt = post.status === "published" ? (post.publishedAt ?? post.createdAt ?? now.toISOString()) : null;
    const standfirst = post.standfirst ?? "";
    return {
      slug: slugs[i]!,
      headline: post.title,
      standfirst,
      body,
      ...textFactColumns(standfirst, body),
      section_id: sectionId,
      hero_media_id: hero ?? null,
      hero_caption: hero && post.featureImage?.caption ? post.featureImage.caption : null,
      hero_credit: null,
      video_id: null,
      status: publishedAt ? ("published" as const) : ("draft" as const),
      published_at: publishedAt ? new Date(publishedAt).toISOString() : null,
      updated_at: new Date(post.updatedAt ?? publishedAt ?? now.toISOString()).toISOString(),
      created_at: new Date(post.createdAt ?? publishedAt ?? now.toISOString()).toISOString(),
      seo_title: post.seoTitle ?? "",
      seo_description: post.seoDescription ?? "",
    };
  });
  // RETURNING gives no order for a multi-row insert; the slug is unique, so it maps each id back.
  const idBySlug = new Map<string, number>();
  for (const part of chunks(values, 100)) {
    for (const r of await trx.insertInto("articles").values(part).returning(["id", "slug"]).execute())
      idBySlug.set(r.slug, r.id);
  }
  const ids = values.map((v) => idBySlug.get(v.slug)!);
  const bylines = rows.flatMap(({ post }, i) =>
    [...new Set(post.authorIds.map((a) => taxonomy.authors.get(a)).filter((a): a is number => a !== undefined))].map(
      (author_id, position) => ({ article_id: ids[i]!, author_id, position }),
    ),
  );
  if (bylines.length)
    for (const part of chunks(bylines, 500)) await trx.insertInto("article_authors").values(part).execute();
  const tags = rows.flatMap(({ post }, i) =>
    [...new Set(post.tagIds.map((t) => taxonomy.tags.get(t)).filter((t): t is number => t !== undefined))].map(
      (tag_id) => ({
        article_id: ids[i]!,
        tag_id,
      }),
    ),
  );
  if (tags.length) for (const part of chunks(tags, 500)) await trx.insertInto("article_tags").values(part).execute();
  const items = rows.map(({ post }, i) => ({
    source,
    kind: post.kind,
    external_id: post.externalId,
    local_id: ids[i]!,
    created_at: now.toISOString(),
  }));
  for (const part of chunks(items, 200)) await trx.insertInto("imported_items").values(part).execute();
  const redirects = keyed(rows.flatMap(({ post }, i) => post.oldPaths.map((path) => ({ path, articleId: ids[i]! }))));
  return { ids, redirects: await addRedirects(trx, source, redirects, now) };
}

export const keyed = (redirects: { path: string; articleId?: number; target?: string }[]) =>
  redirects.flatMap((r) => {
    const key = oldPathKey(r.path);
    return key && key !== "" ? [{ ...r, path: key }] : [];
  });
