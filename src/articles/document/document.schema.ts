import { z } from "zod";

// The article body is a ProseMirror-style JSON document checked against this allow-list on every
// write. Anything not listed here (node types, marks, attributes, URL schemes) is rejected, so the
// database never holds markup a renderer could be tricked into emitting.

const MAX_TEXT = 20_000;
const MAX_BLOCKS = 2_000;
const MAX_INLINES = 2_000;

/** Only absolute http(s) and mailto links are allowed (no javascript:, data:, vbscript:, relative). */
export function isSafeHref(href: string): boolean {
  if (href.length > 2048 || /[\u0000-\u001f\u007f\s]/.test(href)) return false;
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return false;
  }
  return url.protocol === "https:" || url.protocol === "http:" || url.protocol === "mailto:";
}

const shortText = (max: number) => z.string().trim().max(max);

const linkMark = z.strictObject({
  type: z.literal("link"),
  attrs: z.strictObject({ href: z.string().refine(isSafeHref, "Links must be http(s) or mailto URLs") }),
});
const markSchema = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("bold") }),
  z.strictObject({ type: z.literal("italic") }),
  linkMark,
]);

const textNode = z.strictObject({
  type: z.literal("text"),
  text: z.string().min(1).max(MAX_TEXT),
  marks: z.array(markSchema).max(3).optional(),
});
const hardBreak = z.strictObject({ type: z.literal("hardBreak") });
const inlineSchema = z.discriminatedUnion("type", [textNode, hardBreak]);
const inlines = z.array(inlineSchema).max(MAX_INLINES);

const paragraph = z.strictObject({ type: z.literal("paragraph"), content: inlines.optional() });
const heading = z.strictObject({
  type: z.literal("heading"),
  attrs: z.strictObject({ level: z.union([z.literal(2), z.literal(3), z.literal(4)]) }),
  content: inlines.optional(),
});
const blockquote = z.strictObject({
  type: z.literal("blockquote"),
  attrs: z.strictObject({ attribution: shortText(200).optional() }).optional(),
  content: z.array(paragraph).min(1).max(50),
});
const pullQuote = z.strictObject({
  type: z.literal("pullQuote"),
  attrs: z.strictObject({ attribution: shortText(200) }),
  content: inlines.min(1),
});
const image = z.strictObject({
  type: z.literal("image"),
  attrs: z.strictObject({
    mediaId: z.number().int().positive(),
    alt: shortText(500),
    caption: shortText(1000).optional(),
    credit: shortText(200).optional(),
  }),
});
const video = z.strictObject({
  type: z.literal("video"),
  attrs: z.strictObject({ videoId: z.number().int().positive() }),
});
const horizontalRule = z.strictObject({ type: z.literal("horizontalRule") });

/** An https URL only: a link card points readers at another site, never at a script or plain http. */
export function isSafeEmbedUrl(url: string): boolean {
  return isSafeHref(url) && url.startsWith("https://");
}
// A post elsewhere (a social post, a video page) shown as a plain link card: no third-party
// script or frame is ever loaded, so the page's CSP stays 'self' only.
const embed = z.strictObject({
  type: z.literal("embed"),
  attrs: z.strictObject({
    url: z.string().refine(isSafeEmbedUrl, "An embedded post needs an https URL"),
    title: shortText(300).optional(),
    provider: shortText(100).optional(),
  }),
});

export type InlineNode = z.infer<typeof inlineSchema>;
export type Mark = z.infer<typeof markSchema>;
export type ParagraphNode = z.infer<typeof paragraph>;
export interface ListItemNode {
  type: "listItem";
  content: (ParagraphNode | ListNode)[];
}
export interface ListNode {
  type: "bulletList" | "orderedList";
  content: ListItemNode[];
}

/** Lists nest, so a JSON Schema of the document names this one schema to refer back to it. */
export const listNodeSchema: z.ZodType<ListNode> = z.lazy(() =>
  z.strictObject({
    type: z.enum(["bulletList", "orderedList"]),
    content: z.array(listItem).min(1).max(200),
  }),
);
const listItem: z.ZodType<ListItemNode> = z.lazy(() =>
  z.strictObject({
    type: z.literal("listItem"),
    content: z
      .array(z.union([paragraph, listNodeSchema]))
      .min(1)
      .max(20),
  }),
);

const blockSchema = z.union([
  paragraph,
  heading,
  blockquote,
  pullQuote,
  listNodeSchema,
  image,
  video,
  horizontalRule,
  embed,
]);
export type BlockNode = z.infer<typeof blockSchema>;

export const documentSchema = z.strictObject({
  type: z.literal("doc"),
  content: z.array(blockSchema).max(MAX_BLOCKS),
});
export type ArticleDocument = z.infer<typeof documentSchema>;

export type DocumentResult = { ok: true; doc: ArticleDocument } | { ok: false; errors: string[] };

export function validateDocument(input: unknown): DocumentResult {
  const result = documentSchema.safeParse(input);
  if (result.success) return { ok: true, doc: result.data };
  return {
    ok: false,
    errors: result.error.issues.slice(0, 20).map((i) => `${i.path.join(".") || "(document)"}: ${i.message}`),
  };
}

/**
 * The ids of every image and video a stored document embeds, so a page loads them in one query
 * each. It reads the top-level blocks without re-validating the whole document on every request
 * (documents were validated on write; the renderer is defensive about anything odd).
 */
export function collectEmbeds(doc: unknown): { mediaIds: number[]; videoIds: number[] } {
  const mediaIds = new Set<number>();
  const videoIds = new Set<number>();
  const content = (doc as { content?: unknown } | null)?.content;
  for (const block of Array.isArray(content) ? content : []) {
    const attrs = (block as { attrs?: { mediaId?: unknown; videoId?: unknown } } | null)?.attrs;
    const type = (block as { type?: unknown } | null)?.type;
    if (type === "image" && Number.isInteger(attrs?.mediaId)) mediaIds.add(attrs!.mediaId as number);
    else if (type === "video" && Number.isInteger(attrs?.videoId)) videoIds.add(attrs!.videoId as number);
  }
  return { mediaIds: [...mediaIds], videoIds: [...videoIds] };
}
