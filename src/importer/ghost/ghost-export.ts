import { z } from "zod";
import type { SiteExport, SitePerson, SiteTerm } from "../site-model.js";
import type { Dropped } from "./ghost-cards.js";
import { lexicalToHtml } from "./lexical-html.js";
import { mobiledocToHtml } from "./mobiledoc-html.js";

// A Ghost export (Settings → Import/Export → Export, JSON) read into the one import shape
// (site-model.ts). Ghost 5 writes `{ db: [{ meta, data }] }`; older versions `{ meta, data }`.
// Bodies come from `lexical` (Ghost 5), else `mobiledoc` (Ghost 1–4), else `html`. Ghost's
// default permalink is `/<slug>/`, tags `/tag/<slug>/`, authors `/author/<slug>/`: those become
// redirects. Links inside posts written as `__GHOST_URL__/…` point at this site, where the
// redirects answer them.

const id = z.union([z.string(), z.number()]).transform(String);
const opt = z.string().nullish();
const ghostPost = z.looseObject({
  id,
  title: opt,
  slug: opt,
  lexical: opt,
  mobiledoc: opt,
  html: opt,
  type: opt,
  page: z.union([z.boolean(), z.number()]).nullish(),
  status: opt,
  feature_image: opt,
  feature_image_alt: opt,
  feature_image_caption: opt,
  custom_excerpt: opt,
  meta_title: opt,
  meta_description: opt,
  created_at: opt,
  updated_at: opt,
  published_at: opt,
  author_id: id.nullish(),
});
const data = z.looseObject({
  posts: z.array(ghostPost).default([]),
  tags: z.array(z.looseObject({ id, name: opt, slug: opt, visibility: opt })).default([]),
  users: z.array(z.looseObject({ id, name: opt, slug: opt, bio: opt })).default([]),
  posts_tags: z.array(z.looseObject({ post_id: id, tag_id: id, sort_order: z.number().nullish() })).default([]),
  posts_authors: z.array(z.looseObject({ post_id: id, author_id: id, sort_order: z.number().nullish() })).default([]),
  posts_meta: z
    .array(
      z.looseObject({
        post_id: id,
        meta_title: opt,
        meta_description: opt,
        feature_image_alt: opt,
        feature_image_caption: opt,
      }),
    )
    .default([]),
});
const ghostFile = z.union([
  z.looseObject({ db: z.array(z.looseObject({ data })).min(1) }),
  z.looseObject({ data }).transform((file) => ({ db: [file] })),
]);

/** Ghost's dates: ISO 8601, or "2014-05-01 10:00:00" (UTC) in older exports. */
export function ghostDate(value: string | null | undefined): string | undefined {
  if (!value) return undefined;
  const iso = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(value) ? `${value.replace(" ", "T")}Z` : value;
  const at = new Date(iso);
  return Number.isNaN(at.getTime()) ? undefined : at.toISOString();
}

const plain = (html: string | null | undefined) =>
  (html ?? "")
    .replace(/<[^>]*>/g, "")
    .replace(/&nbsp;/g, " ")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ")
    .trim() || undefined;
const ghostUrl = (text: string) => text.replace(/__GHOST_URL__/g, "");

/** The body's HTML and what its cards dropped: Lexical, else Mobiledoc, else the stored HTML. */
function bodyOf(post: z.infer<typeof ghostPost>): { html: string; dropped: Dropped; error?: string } {
  const dropped: Dropped = new Map();
  const errors: string[] = [];
  for (const [field, render] of [
    ["lexical", lexicalToHtml],
    ["mobiledoc", mobiledocToHtml],
  ] as const) {
    const source = post[field];
    if (!source) continue;
    try {
      return { html: ghostUrl(render(source, dropped)), dropped };
    } catch (error) {
      errors.push(`${field}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return { html: ghostUrl(post.html ?? ""), dropped, ...(errors.length ? { error: errors.join("; ") } : {}) };
}

export function readGhostExport(json: unknown, siteUrl: string): SiteExport | { error: string } {
  const parsed = ghostFile.safeParse(json);
  if (!parsed.success)
    return {
      error: `This is not a Ghost export: ${parsed.error.issues
        .slice(0, 3)
        .map((i) => `${i.path.join(".") || "(file)"}: ${i.message}`)
        .join("; ")}`,
    };
  const d = parsed.data.db[0]!.data;
  const meta = new Map(d.posts_meta.map((m) => [m.post_id, m]));
  const byPost = <T extends { post_id: string; sort_order?: number | null | undefined }>(rows: T[]) => {
    const map = new Map<string, T[]>();
    for (const r of rows) map.set(r.post_id, [...(map.get(r.post_id) ?? []), r]);
    for (const list of map.values()) list.sort((a, b) => (a.sort_order ?? 0) - (b.sort_order ?? 0));
    return map;
  };
  const postTags = byPost(d.posts_tags);
  const postAuthors = byPost(d.posts_authors);
  // Internal tags (#name) drive a Ghost theme; they are no topic of the paper.
  const internal = new Set(
    d.tags.filter((t) => t.visibility === "internal" || t.name?.startsWith("#")).map((t) => t.id),
  );
  const authors: SitePerson[] = d.users.map((u) => ({
    externalId: u.id,
    name: u.name ?? "",
    slug: u.slug ?? "",
    ...(u.bio ? { bio: u.bio } : {}),
    ...(u.slug ? { oldPath: `/author/${u.slug}/` } : {}),
  }));
  const tags: SiteTerm[] = d.tags
    .filter((t) => !internal.has(t.id))
    .map((t) => ({
      externalId: t.id,
      name: t.name ?? "",
      slug: t.slug ?? "",
      ...(t.slug ? { oldPath: `/tag/${t.slug}/` } : {}),
    }));
  const ignored: SiteExport["ignored"] = [];
  const posts = d.posts.map((p) => {
    const m = meta.get(p.id);
    const body = bodyOf(p);
    if (body.error)
      ignored.push({
        item: `post ${p.id}`,
        reason: `its editor document could not be read (${body.error}); its HTML was used`,
      });
    const caption = plain(m?.feature_image_caption ?? p.feature_image_caption);
    const alt = m?.feature_image_alt ?? p.feature_image_alt;
    return {
      externalId: p.id,
      kind: p.type === "page" || p.page === true || p.page === 1 ? "page" : "post",
      title: p.title ?? "",
      slug: p.slug ?? "",
      html: body.html,
      status: p.status === "published" ? "published" : "draft",
      publishedAt: ghostDate(p.published_at),
      createdAt: ghostDate(p.created_at),
      updatedAt: ghostDate(p.updated_at),
      standfirst: p.custom_excerpt || undefined,
      seoTitle: m?.meta_title ?? p.meta_title ?? undefined,
      seoDescription: m?.meta_description ?? p.meta_description ?? undefined,
      featureImage: p.feature_image
        ? { src: ghostUrl(p.feature_image), ...(alt ? { alt } : {}), ...(caption ? { caption } : {}) }
        : undefined,
      authorIds: (postAuthors.get(p.id)?.map((a) => a.author_id) ?? (p.author_id ? [p.author_id] : [])).slice(0, 10),
      tagIds: (postTags.get(p.id) ?? []).map((t) => t.tag_id).filter((t) => !internal.has(t)),
      oldPaths: p.slug ? [`/${p.slug}/`] : [],
      baseUrl: siteUrl,
      dropped: Object.fromEntries(body.dropped),
    };
  });
  return { source: "ghost", authors, tags, sections: [], posts, ignored };
}
