import { htmlToDocument } from "../articles/document/html-to-document.js";
import type { MediaImport } from "./import-media.js";
import type { SitePost } from "./site-model.js";

// The pictures a post names (those of its body, then its feature image) and its body converted
// with them: the pictures are stored through the pipeline first, then the converter makes one
// synchronous pass and keeps each picture it has a media id for.

export interface PostPicture {
  src: string;
  described: { alt?: string; caption?: string };
}

export function picturesOf(post: SitePost): PostPicture[] {
  const inline = bodySources(post).map((src) => ({ src, described: {} }));
  return post.featureImage ? [...inline, { src: post.featureImage.src.trim(), described: post.featureImage }] : inline;
}

export async function convertBody(post: SitePost, media: MediaImport, dropped: Map<string, number>): Promise<string> {
  const ids = new Map<string, number>();
  for (const src of bodySources(post)) {
    const id = await media.resolve(src);
    if (id) ids.set(src, id);
  }
  const doc = htmlToDocument(post.html, {
    ...(post.baseUrl ? { baseUrl: post.baseUrl } : {}),
    image: (src) => ids.get(src.trim()),
    embeds: true,
    dropped,
  });
  return JSON.stringify(doc);
}

const bodySources = (post: SitePost) =>
  [...post.html.matchAll(/<img\b[^>]*?\bsrc\s*=\s*["']([^"']+)["']/gi)].map((m) => decodeEntities(m[1]!));

const decodeEntities = (s: string) =>
  s
    .replace(/&amp;/g, "&")
    .replace(/&quot;/g, '"')
    .replace(/&#0?39;/g, "'")
    .trim();
