import zlib from "node:zlib";
import { describe, expect, it } from "vitest";
import { chooseEncoding, matchesEtag, preparePage } from "./cached-page.js";

const html = `<!doctype html><p>${"The night buses return to the river crossings. ".repeat(200)}</p>`;
const times = { storedAt: 0, expiresAt: 1000 };

describe("a stored page", () => {
  it("carries brotli and gzip variants of the same bytes, made once", async () => {
    const page = await preparePage("/a", { body: html, contentType: "text/html; charset=utf-8", tags: ["t"] }, times);
    expect(page.body.toString()).toBe(html);
    expect(zlib.brotliDecompressSync(page.br!).toString()).toBe(html);
    expect(zlib.gunzipSync(page.gzip!).toString()).toBe(html);
    expect(page.br!.length).toBeLessThan(page.gzip!.length);
    expect(page.bytes).toBeGreaterThan(page.body.length + page.br!.length + page.gzip!.length);
  });

  it("is not compressed when small or not text", async () => {
    const small = await preparePage("/s", { body: "<p>hi</p>", contentType: "text/html", tags: [] }, times);
    const binary = await preparePage("/b", { body: Buffer.alloc(5000), contentType: "image/png", tags: [] }, times);
    expect([small.br, small.gzip, binary.br, binary.gzip]).toEqual([undefined, undefined, undefined, undefined]);
    expect(chooseEncoding(small, "br, gzip")).toBeUndefined();
  });

  it("has a validator that follows the bytes", async () => {
    const a = await preparePage("/a", { body: html, contentType: "text/html", tags: [] }, times);
    const again = await preparePage("/a", { body: html, contentType: "text/html", tags: [] }, times);
    const other = await preparePage("/a", { body: `${html}!`, contentType: "text/html", tags: [] }, times);
    expect(a.etag).toMatch(/^W\/"[\w-]+"$/);
    expect(again.etag).toBe(a.etag);
    expect(other.etag).not.toBe(a.etag);
    expect(matchesEtag(a, a.etag)).toBe(true);
    expect(matchesEtag(a, a.etag.slice(2))).toBe(true); // a strong form of it, as some proxies send
    expect(matchesEtag(a, `"x", ${a.etag}`)).toBe(true);
    expect(matchesEtag(a, "*")).toBe(true);
    expect(matchesEtag(a, other.etag)).toBe(false);
    expect(matchesEtag(a, undefined)).toBe(false);
  });

  it("is sent in the best encoding the client accepts", async () => {
    const page = await preparePage("/a", { body: html, contentType: "text/html", tags: [] }, times);
    expect(chooseEncoding(page, "gzip, deflate, br")).toBe("br");
    expect(chooseEncoding(page, "gzip")).toBe("gzip");
    expect(chooseEncoding(page, "br;q=0, gzip;q=0.5")).toBe("gzip");
    expect(chooseEncoding(page, "*")).toBe("br");
    expect(chooseEncoding(page, "identity")).toBeUndefined();
    expect(chooseEncoding(page, undefined)).toBeUndefined();
  });
});
