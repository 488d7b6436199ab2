import { XMLParser } from "fast-xml-parser";
import type { SiteExport, SiteTerm } from "../site-model.js";
import { type Dropped, wordpressContentToHtml } from "./wp-content.js";

// A WordPress export (Tools → Export, WXR 1.1/1.2: RSS with wp:, content:, excerpt:, dc: elements)
// read into the one import shape (site-model.ts). Posts and pages are imported; attachments give
// the featured images (`_thumbnail_id`) and galleries; categories become sections, post_tag terms
// topics. Each item's permalink (`<link>`) and its id address (`?p=ID`, `?page_id=ID`) become
// redirects. Parsed with no document type at all (no DTD, no external entities), as wire feeds are.

const ARRAYS = new Set(["item", "wp:author", "wp:category", "wp:tag", "category", "wp:postmeta"]);

type Node = Record<string, unknown>;
const text = (value: unknown): string => {
  if (value === undefined || value === null) return "";
  if (typeof value === "object") return text((value as Node)["#text"]);
  return String(value);
};
const list = (value: unknown): Node[] => (Array.isArray(value) ? (value as Node[]) : []);

/** WordPress's GMT dates ("2020-05-01 09:00:00"; "0000-00-00 00:00:00" for never). */
function wpDate(gmt: string, fallback: string): string | undefined {
  if (/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(gmt) && !gmt.startsWith("0000")) {
    const at = new Date(`${gmt.replace(" ", "T")}Z`);
    if (!Number.isNaN(at.getTime())) return at.toISOString();
  }
  const at = fallback ? new Date(fallback) : undefined;
  return at && !Number.isNaN(at.getTime()) ? at.toISOString() : undefined;
}

function pathOf(url: string): string | undefined {
  try {
    const u = new URL(url);
    return `${u.pathname}${u.search}`;
  } catch {
    return undefined;
  }
}

const STATUS: Record<string, "published" | "draft" | undefined> = {
  publish: "published",
  draft: "draft",
  pending: "draft",
  future: "draft",
  private: "draft",
};

export function readWordpressExport(xml: string, siteUrl: string): SiteExport | { error: string } {
  if (/<!DOCTYPE|<!ENTITY/i.test(xml.slice(0, 4096)))
    return { error: "The file declares a document type (DTD): WordPress exports have none, so it is refused" };
  let doc: Node;
  try {
    doc = new XMLParser({
      ignoreAttributes: false,
      attributeNamePrefix: "@",
      processEntities: true,
      htmlEntities: false,
      parseTagValue: false,
      trimValues: false,
      isArray: (name) => ARRAYS.has(name),
    }).parse(xml, true) as Node;
  } catch (error) {
    return { error: `This is not well-formed XML: ${(error as Error).message.slice(0, 200)}` };
  }
  const channel = ((doc.rss as Node | undefined)?.channel ?? undefined) as Node | undefined;
  if (!channel || !("wp:wxr_version" in channel || "wp:base_site_url" in channel))
    return { error: "This is not a WordPress export (WXR): no rss channel with wp:wxr_version" };
  const base = (text(channel["wp:base_site_url"]) || text(channel.link)).trim().replace(/\/+$/, "");
  const source = `wordpress:${base}`;
  const relative = (url: string) => (url.startsWith(base) ? url.slice(base.length) || "/" : pathOf(url));

  const authors = list(channel["wp:author"]).map((a) => {
    const login = text(a["wp:author_login"]).trim();
    return {
      externalId: login,
      name: text(a["wp:author_display_name"]).trim() || login,
      slug: login,
      oldPath: `/author/${login}/`,
    };
  });
  const categories: SiteTerm[] = list(channel["wp:category"]).map((c) => {
    const slug = text(c["wp:category_nicename"]).trim();
    return { externalId: slug, name: text(c["wp:cat_name"]).trim() || slug, slug, oldPath: `/category/${slug}/` };
  });
  const tags: SiteTerm[] = list(channel["wp:tag"]).map((t) => {
    const slug = text(t["wp:tag_slug"]).trim();
    return { externalId: slug, name: text(t["wp:tag_name"]).trim() || slug, slug, oldPath: `/tag/${slug}/` };
  });

  const items = list(channel.item);
  const meta = (item: Node, key: string) =>
    text(list(item["wp:postmeta"]).find((m) => text(m["wp:meta_key"]) === key)?.["wp:meta_value"]);
  const attachments = new Map<string, { url: string; alt: string; caption: string }>();
  for (const item of items)
    if (text(item["wp:post_type"]) === "attachment")
      attachments.set(text(item["wp:post_id"]).trim(), {
        url: text(item["wp:attachment_url"]).trim(),
        alt: meta(item, "_wp_attachment_image_alt"),
        caption: text(item["excerpt:encoded"]).trim(),
      });
  const urls = new Map([...attachments].map(([id, a]) => [id, a.url]));

  const ignoredByType = new Map<string, number>();
  const ignored: SiteExport["ignored"] = [];
  const posts: unknown[] = [];
  // Categories and tags named by posts but missing from the channel's lists still count.
  const knownCategories = new Set(categories.map((c) => c.externalId));
  const knownTags = new Set(tags.map((t) => t.externalId));
  for (const item of items) {
    const type = text(item["wp:post_type"]).trim();
    const id = text(item["wp:post_id"]).trim();
    if (type === "attachment") continue;
    if (type !== "post" && type !== "page") {
      ignoredByType.set(type || "untyped", (ignoredByType.get(type || "untyped") ?? 0) + 1);
      continue;
    }
    const wpStatus = text(item["wp:status"]).trim();
    const status = STATUS[wpStatus];
    if (!status) {
      ignored.push({
        item: `${type} ${id} "${text(item.title).trim().slice(0, 80)}"`,
        reason: `its status is "${wpStatus}" (trash and auto-drafts are not imported)`,
      });
      continue;
    }
    const terms = list(item.category);
    const cats = terms.filter((c) => c["@domain"] === "category").map((c) => text(c["@nicename"]).trim());
    const tagSlugs = terms.filter((c) => c["@domain"] === "post_tag").map((c) => text(c["@nicename"]).trim());
    for (const c of terms) {
      const slug = text(c["@nicename"]).trim();
      const name = text(c).trim() || slug;
      if (c["@domain"] === "category" && slug && !knownCategories.has(slug)) {
        knownCategories.add(slug);
        categories.push({ externalId: slug, name, slug, oldPath: `/category/${slug}/` });
      } else if (c["@domain"] === "post_tag" && slug && !knownTags.has(slug)) {
        knownTags.add(slug);
        tags.push({ externalId: slug, name, slug, oldPath: `/tag/${slug}/` });
      }
    }
    // WordPress files a post without a category under "Uncategorized": here it goes to the import's section.
    const section = cats.find((c) => c !== "uncategorized");
    const thumbnail = attachments.get(meta(item, "_thumbnail_id").trim());
    const dropped: Dropped = new Map();
    const link = text(item.link).trim();
    const oldPaths = [link ? relative(link) : undefined, type === "page" ? `/?page_id=${id}` : `/?p=${id}`].filter(
      (p): p is string => Boolean(p),
    );
    const excerpt = text(item["excerpt:encoded"])
      .replace(/<[^>]*>/g, "")
      .replace(/\s+/g, " ")
      .trim();
    posts.push({
      externalId: id,
      kind: type,
      title: text(item.title).trim(),
      slug: decodeURIComponent(text(item["wp:post_name"]).trim()),
      html: wordpressContentToHtml(text(item["content:encoded"]), urls, dropped),
      status,
      publishedAt: wpDate(text(item["wp:post_date_gmt"]).trim(), text(item.pubDate).trim()),
      createdAt: wpDate(text(item["wp:post_date_gmt"]).trim(), text(item.pubDate).trim()),
      updatedAt: wpDate(text(item["wp:post_modified_gmt"]).trim(), ""),
      standfirst: excerpt || undefined,
      seoTitle: meta(item, "_yoast_wpseo_title").trim() || undefined,
      seoDescription: meta(item, "_yoast_wpseo_metadesc").trim() || undefined,
      featureImage: thumbnail?.url
        ? {
            src: thumbnail.url,
            ...(thumbnail.alt ? { alt: thumbnail.alt } : {}),
            ...(thumbnail.caption ? { caption: thumbnail.caption } : {}),
          }
        : undefined,
      authorIds: [text(item["dc:creator"]).trim()].filter(Boolean),
      tagIds: tagSlugs,
      ...(section ? { sectionId: section } : {}),
      oldPaths,
      baseUrl: base || siteUrl,
      dropped: Object.fromEntries(dropped),
    });
  }
  for (const [type, n] of ignoredByType)
    ignored.push({ item: `${n} ${type} item${n === 1 ? "" : "s"}`, reason: "not a post or page" });
  // Only the categories a post is filed under become sections.
  const used = new Set(posts.map((p) => (p as { sectionId?: string }).sectionId));
  return { source, authors, tags, sections: categories.filter((c) => used.has(c.externalId)), posts, ignored };
}
