import zlib from "node:zlib";
import { renderToString } from "preact-render-to-string";
import { describe, expect, it } from "vitest";
import { preparePage } from "../platform/cache/cached-page.js";
import { PageSlots, SLOT_HTML, type SlotFill, fillSlot } from "./page-slot.js";

// The banner's slot: the frame renders exactly the markup the splice looks for; a stored page is
// sent untouched with no fill, and with one as a copy made once per version (new bytes, new ETag,
// compressed variants that decompress to the same bytes).

const page = (extra = "") =>
  preparePage(
    "/p",
    {
      body: `<!DOCTYPE html><html><body><a href="#main">Skip</a>${SLOT_HTML}<main>${"Words. ".repeat(300)}${extra}</main></body></html>`,
      contentType: "text/html; charset=utf-8",
      tags: ["story-1"],
    },
    { storedAt: 0, expiresAt: 1000 },
  );

describe("page slot", () => {
  it("matches what the frame renders", () => {
    expect(renderToString(<div id="site-banner" class="site-banner-slot" aria-live="polite" />)).toBe(SLOT_HTML);
  });

  it("sends the stored page with no fill, and a filled copy made once per version", async () => {
    let fill: SlotFill | null = null;
    const slots = new PageSlots(() => fill);
    const stored = await page();
    expect(slots.ready(stored)).toBe(stored);

    fill = { version: "3", html: '<section aria-label="Breaking news">Flood</section>' };
    expect(slots.ready(stored)).toBeUndefined();
    const filled = await slots.prepare(stored);
    expect(slots.ready(stored)).toBe(filled);
    expect(filled.etag).not.toBe(stored.etag);
    expect(filled.tags).toEqual(stored.tags);
    const html = filled.body.toString();
    expect(html).toContain('data-rev="3"><section aria-label="Breaking news">Flood</section></div>');
    expect(zlib.brotliDecompressSync(filled.br!).toString()).toBe(html);
    expect(zlib.gunzipSync(filled.gzip!).toString()).toBe(html);

    fill = { version: "4", html: "<section>Second</section>" };
    const again = await slots.prepare(stored);
    expect(again).not.toBe(filled);
    expect(again.body.toString()).toContain("Second");
    fill = null;
    expect(await slots.prepare(stored)).toBe(stored);
  });

  it("puts the fill into a page made for one request, and leaves pages without a slot alone", () => {
    const fill = { version: "1", html: "<b>x</b>" };
    expect(fillSlot(`<body>${SLOT_HTML}</body>`, fill)).toContain('data-rev="1"><b>x</b></div>');
    expect(fillSlot("<body></body>", fill)).toBe("<body></body>");
    expect(fillSlot(`<body>${SLOT_HTML}</body>`, null)).toBe(`<body>${SLOT_HTML}</body>`);
  });
});
