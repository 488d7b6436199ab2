import { describe, expect, it } from "vitest";
import { validateDocument } from "../../articles/document/document.schema.js";
import { moveItem } from "./order.js";
import { countWords, docToText, readingMinutes, storableDocument } from "./text.js";
import type { DocNode } from "./types.js";

const doc: DocNode = {
  type: "doc",
  content: [
    { type: "heading", attrs: { level: 2 }, content: [{ type: "text", text: "Two words" }] },
    { type: "paragraph", content: [{ type: "text", text: "Three more — words" }] },
    { type: "pullQuote", attrs: { attribution: "" }, content: [] },
    { type: "image", attrs: { mediaId: null, alt: "", caption: "", credit: "" } },
    { type: "embed", attrs: { url: "https://", title: "", provider: "" } },
    { type: "image", attrs: { mediaId: 3, alt: "A bus", caption: "", credit: "" } },
  ],
};

describe("document text", () => {
  it("counts words as the server does (standfirst and body; dashes are not words)", () => {
    expect(countWords("One two", doc)).toBe(7);
    expect(readingMinutes(0)).toBe(1);
    expect(readingMinutes(231)).toBe(2);
  });

  it("reads a document as text for the conflict and revision views", () => {
    expect(docToText(doc)).toBe("Two words\n\nThree more — words\n\n[Image: ]\n\n[Post: https://]\n\n[Image: A bus]");
  });

  it("leaves blocks still being written out of the save, so the server's schema accepts it", () => {
    expect(validateDocument(doc).ok).toBe(false);
    const stored = storableDocument(doc);
    expect(stored.content?.map((n) => n.type)).toEqual(["heading", "paragraph", "image"]);
    expect(validateDocument(stored).ok).toBe(true);
  });
});

describe("moving an item in an ordered list", () => {
  it("moves up, down and to the ends, leaving the input unchanged", () => {
    const list = ["a", "b", "c", "d"];
    expect(moveItem(list, 2, 1)).toEqual(["a", "c", "b", "d"]);
    expect(moveItem(list, 0, 3)).toEqual(["b", "c", "d", "a"]);
    expect(moveItem(list, 3, -5)).toEqual(["d", "a", "b", "c"]);
    expect(moveItem(list, 9, 0)).toEqual(list);
    expect(list).toEqual(["a", "b", "c", "d"]);
  });
});
