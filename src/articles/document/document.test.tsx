import { renderToString } from "preact-render-to-string";
import { describe, expect, it } from "vitest";
import type { Image } from "../../media/image.js";
import type { Video } from "../../videos/video.js";
import { DocumentBody } from "./DocumentBody.js";
import { countWords, documentToPlainText, readingMinutes } from "./plain-text.js";
import { collectEmbeds, isSafeHref, validateDocument } from "./document.schema.js";

const image: Image = {
  id: 7,
  src: "/media/images/a.jpg",
  width: 1600,
  height: 900,
  alt: "Library alt",
  caption: "Library caption",
  credit: "Library credit",
  variants: [
    { width: 320, src: "/media/images/a-320.webp" },
    { width: 640, src: "/media/images/a-640.webp" },
  ],
};
const video: Video = {
  id: 3,
  slug: "v",
  title: "A clip",
  description: "",
  src: "/media/video/v.mp4",
  mime: "video/mp4",
  poster: null,
  captions: [{ lang: "en", label: "English", src: "/media/video/v.en.vtt" }],
  durationSeconds: 10,
  width: 640,
  height: 360,
  publishedAt: "2026-01-01T00:00:00.000Z",
};
const ctx = { images: new Map([[7, image]]), videos: new Map([[3, video]]) };
const render = (doc: unknown) => renderToString(<DocumentBody doc={doc} ctx={ctx} />);
const text = (t: string, marks?: unknown[]) => (marks ? { type: "text", text: t, marks } : { type: "text", text: t });

const everyNode = {
  type: "doc",
  content: [
    {
      type: "paragraph",
      content: [
        text("Plain "),
        text("bold", [{ type: "bold" }]),
        { type: "hardBreak" },
        text("italic", [{ type: "italic" }]),
      ],
    },
    { type: "heading", attrs: { level: 2 }, content: [text("A subhead")] },
    { type: "heading", attrs: { level: 3 }, content: [text("A smaller subhead")] },
    {
      type: "blockquote",
      attrs: { attribution: "A. Speaker" },
      content: [{ type: "paragraph", content: [text("Quoted words")] }],
    },
    { type: "pullQuote", attrs: { attribution: "B. Speaker" }, content: [text("Pulled words")] },
    {
      type: "bulletList",
      content: [{ type: "listItem", content: [{ type: "paragraph", content: [text("First point")] }] }],
    },
    {
      type: "orderedList",
      content: [{ type: "listItem", content: [{ type: "paragraph", content: [text("Step one")] }] }],
    },
    { type: "image", attrs: { mediaId: 7, alt: "Per-use alt", caption: "Per-use caption", credit: "Per-use credit" } },
    { type: "video", attrs: { videoId: 3 } },
    { type: "horizontalRule" },
    {
      type: "embed",
      attrs: { url: "https://social.example/@desk/1234", title: "The desk's post", provider: "Social" },
    },
    { type: "embed", attrs: { url: "https://www.video.example/watch?v=9&t=1" } },
    {
      type: "paragraph",
      content: [
        text("a link", [{ type: "link", attrs: { href: "https://example.org/x?a=1&b=2" } }]),
        text(" and mail", [{ type: "link", attrs: { href: "mailto:desk@example.org" } }]),
      ],
    },
  ],
};

describe("document schema", () => {
  it("accepts every allowed node type", () => {
    const result = validateDocument(everyNode);
    expect(result.ok).toBe(true);
  });

  it.each([
    ["javascript: link", { type: "link", attrs: { href: "javascript:alert(1)" } }],
    ["data: link", { type: "link", attrs: { href: "data:text/html,<script>alert(1)</script>" } }],
    ["relative link", { type: "link", attrs: { href: "/uk/story" } }],
    ["obfuscated javascript", { type: "link", attrs: { href: " java\tscript:alert(1)" } }],
    ["unknown mark", { type: "underline" }],
  ])("rejects a %s", (_name, mark) => {
    const result = validateDocument({ type: "doc", content: [{ type: "paragraph", content: [text("x", [mark])] }] });
    expect(result.ok).toBe(false);
  });

  it("rejects unknown node types, stray attributes and raw HTML nodes", () => {
    for (const node of [
      { type: "script", content: [] },
      { type: "html", text: "<iframe src=x>" },
      { type: "paragraph", attrs: { onclick: "x" }, content: [] },
      { type: "heading", attrs: { level: 1 }, content: [text("h1 is the headline's")] },
      { type: "image", attrs: { mediaId: "7", alt: "" } },
    ]) {
      expect(validateDocument({ type: "doc", content: [node] }).ok, JSON.stringify(node)).toBe(false);
    }
    expect(validateDocument("not a document").ok).toBe(false);
    expect(validateDocument({ type: "doc", content: "x" }).ok).toBe(false);
  });

  it("accepts a link card only with an https URL and only its own attributes", () => {
    const card = (attrs: unknown) => validateDocument({ type: "doc", content: [{ type: "embed", attrs }] }).ok;
    expect(card({ url: "https://social.example/p/1" })).toBe(true);
    expect(card({ url: "https://social.example/p/1", title: "T", provider: "P" })).toBe(true);
    expect(card({ url: "http://social.example/p/1" })).toBe(false);
    expect(card({ url: "javascript:alert(1)" })).toBe(false);
    expect(card({ url: "//social.example/p/1" })).toBe(false);
    expect(card({ url: "https://social.example/p/1", html: "<iframe>" })).toBe(false);
    expect(card({ title: "no url" })).toBe(false);
    expect(card({ url: "https://social.example/p/1", title: "x".repeat(301) })).toBe(false);
  });

  it("names where a document is wrong", () => {
    const result = validateDocument({
      type: "doc",
      content: [{ type: "paragraph", content: [text("x", [{ type: "link", attrs: { href: "javascript:x" } }])] }],
    });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0]).toMatch(/^content\.0\.content\.0\.marks\.0/);
  });

  it("allows only http(s) and mailto hrefs", () => {
    expect(isSafeHref("https://example.org")).toBe(true);
    expect(isSafeHref("http://example.org")).toBe(true);
    expect(isSafeHref("mailto:a@example.org")).toBe(true);
    expect(isSafeHref("JavaScript:alert(1)")).toBe(false);
    expect(isSafeHref("vbscript:x")).toBe(false);
    expect(isSafeHref("//evil.example")).toBe(false);
    expect(isSafeHref("https://example.org/\nx")).toBe(false);
  });

  it("collects embedded images and videos once each, ignoring malformed blocks", () => {
    expect(collectEmbeds(everyNode)).toEqual({ mediaIds: [7], videoIds: [3] });
    const odd = {
      content: [
        null,
        { type: "image", attrs: { mediaId: "7" } },
        { type: "video" },
        { type: "image", attrs: { mediaId: 9 } },
      ],
    };
    expect(collectEmbeds(odd)).toEqual({ mediaIds: [9], videoIds: [] });
    expect(collectEmbeds("nonsense")).toEqual({ mediaIds: [], videoIds: [] });
  });
});

describe("document renderer", () => {
  const html = render(everyNode);

  it("renders every node type", () => {
    expect(html).toContain("<p>");
    expect(html).toContain("<strong>bold</strong>");
    expect(html).toContain("<em>italic</em>");
    expect(html).toContain("<br/>");
    expect(html).toContain("<h2>");
    expect(html).toContain("<h3>");
    expect(html).toMatch(
      /<figure class="quote"><blockquote><p>.*Quoted words.*<\/blockquote><figcaption>A\. Speaker<\/figcaption>/,
    );
    expect(html).toMatch(/<figure class="pull-quote">.*Pulled words.*<figcaption>B\. Speaker<\/figcaption>/);
    expect(html).toMatch(/<ul><li><p>.*First point/);
    expect(html).toMatch(/<ol><li><p>.*Step one/);
    expect(html).toContain("<hr/>");
    expect(html).toContain('href="https://example.org/x?a=1&amp;b=2"');
    expect(html).toContain('href="mailto:desk@example.org"');
  });

  it("renders images responsively with the per-use alt, caption and credit", () => {
    expect(html).toContain('srcset="/media/images/a-320.webp 320w, /media/images/a-640.webp 640w"');
    expect(html).toContain('alt="Per-use alt"');
    expect(html).toContain('width="1600" height="900"');
    expect(html).toContain('loading="lazy"');
    expect(html).toContain("Per-use caption");
    expect(html).toContain("Per-use credit");
  });

  it("renders an embedded post as a plain link card, with no script or frame", () => {
    expect(html).toMatch(
      /<p class="embed-card"><a href="https:\/\/social\.example\/@desk\/1234" rel="noopener nofollow"><span class="embed-provider">Social<\/span><span class="embed-title">The desk's post<\/span><span class="embed-host">social\.example<\/span><\/a><\/p>/,
    );
    // Without a title or provider the card names the URL and its host (www. dropped).
    expect(html).toContain('<span class="embed-provider">video.example</span>');
    expect(html).toContain('<span class="embed-title">https://www.video.example/watch?v=9&amp;t=1</span>');
    expect(html).not.toMatch(/<script|<iframe/);
  });

  it("renders videos with captions and without autoplay", () => {
    expect(html).toContain('<source src="/media/video/v.mp4" type="video/mp4"/>');
    expect(html).toContain('<track kind="captions" src="/media/video/v.en.vtt" srclang="en" label="English" default/>');
    expect(html).not.toContain("autoplay");
  });

  it("drops unknown nodes and marks, and unsafe links already in storage", () => {
    const hostile = render({
      type: "doc",
      content: [
        { type: "script", text: "alert(1)" },
        { type: "paragraph", content: [text("click", [{ type: "link", attrs: { href: "javascript:alert(1)" } }])] },
        { type: "paragraph", content: [text("<img src=x onerror=alert(1)>")] },
        { type: "paragraph", content: [text("u", [{ type: "underline" }]), { type: "mystery" }] },
        { type: "image", attrs: { mediaId: 999, alt: "missing" } },
        { type: "video", attrs: { videoId: 999 } },
        { type: "embed", attrs: { url: "javascript:alert(2)", title: "bad card" } },
        { type: "embed", attrs: { url: "http://plain.example/", title: "plain card" } },
        "not a node",
        null,
      ],
    });
    expect(hostile).not.toContain("javascript:");
    expect(hostile).not.toContain("<script");
    expect(hostile).not.toContain("<img src=x");
    expect(hostile).toContain("&lt;img src=x onerror=alert(1)>");
    expect(hostile).toContain("click");
    expect(hostile).not.toContain("missing");
    expect(hostile).not.toContain("<video");
    expect(hostile).not.toContain("card");
  });

  it("renders nothing for a document that is not one", () => {
    expect(render(null)).toBe("");
    expect(render({ content: "x" })).toBe("");
  });

  it("turns a document into plain text", () => {
    const plain = documentToPlainText(everyNode);
    expect(plain).toContain("Plain bold\nitalic");
    expect(plain).toContain("A subhead\n\nA smaller subhead");
    expect(plain).toContain("Quoted words");
    expect(plain).not.toContain("<");
  });

  it("counts words that hold a letter or a digit, and reading minutes from them", () => {
    expect(countWords("Night buses — twice as often, from 1 May • ")).toBe(8);
    expect(countWords("   ")).toBe(0);
    expect(readingMinutes(0)).toBe(1);
    expect(readingMinutes(230)).toBe(1);
    expect(readingMinutes(231)).toBe(2);
  });
});
