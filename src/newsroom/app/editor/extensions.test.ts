import { getSchema } from "@tiptap/core";
import { describe, expect, it } from "vitest";
import { validateDocument } from "../../../articles/document/document.schema.js";
import { articleExtensions, isAllowedHref } from "./extensions.js";

// The editor's schema against the server's allow-list, without a browser: ProseMirror builds each
// document from JSON through the editor's schema (as getJSON() would give it back) and the result
// must be the same JSON and pass the server's zod schema.

const schema = getSchema(articleExtensions());
const t = (text: string, marks?: { type: string; attrs?: object }[]) =>
  marks ? { type: "text", text, marks } : { type: "text", text };
const p = (...content: object[]) => ({ type: "paragraph", content });

const blocks: [string, object][] = [
  [
    "paragraph with every mark",
    p(t("a "), t("b", [{ type: "bold" }]), { type: "hardBreak" }, t("i", [{ type: "italic" }])),
  ],
  ["link", p(t("site", [{ type: "link", attrs: { href: "https://example.org/a" } }]))],
  ["mail link", p(t("mail", [{ type: "link", attrs: { href: "mailto:desk@example.org" } }]))],
  ["heading 2", { type: "heading", attrs: { level: 2 }, content: [t("Two")] }],
  ["heading 4", { type: "heading", attrs: { level: 4 }, content: [t("Four")] }],
  ["block quote", { type: "blockquote", content: [p(t("Said"))] }],
  ["pull quote", { type: "pullQuote", attrs: { attribution: "A. Person" }, content: [t("Pulled")] }],
  ["bullet list", { type: "bulletList", content: [{ type: "listItem", content: [p(t("one"))] }] }],
  [
    "nested ordered list",
    {
      type: "orderedList",
      content: [
        {
          type: "listItem",
          content: [p(t("one")), { type: "bulletList", content: [{ type: "listItem", content: [p(t("inner"))] }] }],
        },
      ],
    },
  ],
  ["image", { type: "image", attrs: { mediaId: 4, alt: "A bus", caption: "", credit: "" } }],
  [
    "image with caption",
    { type: "image", attrs: { mediaId: 4, alt: "A bus", caption: "On the bridge", credit: "Desk" } },
  ],
  ["video", { type: "video", attrs: { videoId: 2 } }],
  ["divider", { type: "horizontalRule" }],
  ["embed", { type: "embed", attrs: { url: "https://social.example/p/1", title: "", provider: "" } }],
  [
    "embed with title",
    { type: "embed", attrs: { url: "https://social.example/p/1", title: "Post", provider: "Social" } },
  ],
];

describe("the editor's document is the stored document", () => {
  it.each(blocks)("%s round-trips through the editor schema and passes the server's schema", (_name, block) => {
    const json = { type: "doc", content: [block] };
    const node = schema.nodeFromJSON(json);
    node.check();
    expect(node.toJSON()).toEqual(json);
    expect(validateDocument(node.toJSON())).toEqual({ ok: true, doc: json });
  });

  it("fills defaults the server accepts when a node is made with its id only", () => {
    const image = schema.nodes.image!.create({ mediaId: 9 });
    const embed = schema.nodes.embed!.create({ url: "https://social.example/p/2" });
    const pull = schema.nodes.pullQuote!.create({}, schema.text("Words"));
    const list = schema.nodes.orderedList!.create(
      {},
      schema.nodes.listItem!.create({}, schema.nodes.paragraph!.create()),
    );
    const link = schema.marks.link!.create({ href: "https://example.org" });
    const doc = schema.nodes.doc!.create({}, [
      image,
      embed,
      pull,
      schema.nodes.paragraph!.create({}, schema.text("x", [link])),
      list,
    ]);
    const json = doc.toJSON();
    expect(json.content[0]).toEqual({ type: "image", attrs: { mediaId: 9, alt: "", caption: "", credit: "" } });
    expect(json.content[3].content[0].marks).toEqual([{ type: "link", attrs: { href: "https://example.org" } }]);
    expect(json.content[4]).toEqual({
      type: "orderedList",
      content: [{ type: "listItem", content: [{ type: "paragraph" }] }],
    });
    expect(validateDocument(json).ok).toBe(true);
  });

  it("has nothing the allow-list refuses", () => {
    expect(Object.keys(schema.nodes).sort()).toEqual(
      [
        "blockquote",
        "bulletList",
        "doc",
        "embed",
        "hardBreak",
        "heading",
        "horizontalRule",
        "image",
        "listItem",
        "orderedList",
        "paragraph",
        "pullQuote",
        "text",
        "video",
      ].sort(),
    );
    expect(Object.keys(schema.marks).sort()).toEqual(["bold", "italic", "link"]);
    expect(() =>
      schema.nodeFromJSON({ type: "heading", attrs: { level: 1 }, content: [t("x")] }).check(),
    ).not.toThrow();
    // Level 1 is not an option the editor offers (its commands and input rules use 2–4 only).
    expect(() =>
      schema.nodeFromJSON({ type: "blockquote", content: [{ type: "heading", attrs: { level: 2 } }] }).check(),
    ).toThrow();
    expect(() =>
      schema.nodeFromJSON({ type: "listItem", content: [{ type: "heading", attrs: { level: 2 } }] }).check(),
    ).toThrow();
  });

  it("allows only http(s) and mailto links", () => {
    expect(isAllowedHref("https://example.org")).toBe(true);
    expect(isAllowedHref("mailto:a@example.org")).toBe(true);
    expect(isAllowedHref("javascript:alert(1)")).toBe(false);
    expect(isAllowedHref("data:text/html,x")).toBe(false);
    expect(isAllowedHref("/relative")).toBe(false);
    expect(isAllowedHref("https://exa mple.org")).toBe(false);
  });
});
