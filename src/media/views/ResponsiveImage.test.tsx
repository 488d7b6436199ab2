import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { renderToString } from "preact-render-to-string";
import vnu from "vnu-jar";
import { describe, expect, it } from "vitest";
import { type Image, toImage } from "../image.js";
import type { MediaRow } from "../media.table.js";
import { ResponsiveImage } from "./ResponsiveImage.js";

const row: MediaRow = {
  id: 4,
  kind: "image",
  storage_key: "images/2026/11/abc.jpg",
  mime: "image/jpeg",
  width: 1600,
  height: 900,
  variant_widths: "[640,320]",
  formats: '["avif","webp","jpeg"]',
  alt: "Boats on the river",
  caption: "",
  credit: "",
  created_at: "2026-11-29T05:00:00.000Z",
};
const sizes = "(min-width: 46em) 42rem, 100vw";
const render = (image: Image, eager = false) =>
  renderToString(<ResponsiveImage image={image} sizes={sizes} eager={eager} />);

describe("toImage", () => {
  it("lists AVIF, WebP and own-format variants narrowest first", () => {
    const image = toImage(row);
    expect(image.avif?.map((v) => v.src)).toEqual([
      "/media/images/2026/11/abc-320.avif",
      "/media/images/2026/11/abc-640.avif",
    ]);
    expect(image.variants.map((v) => v.src)).toEqual([
      "/media/images/2026/11/abc-320.webp",
      "/media/images/2026/11/abc-640.webp",
    ]);
    expect(image.fallback?.map((v) => v.src)).toEqual([
      "/media/images/2026/11/abc-320.jpg",
      "/media/images/2026/11/abc-640.jpg",
    ]);
    expect(image.social).toBeUndefined();
    expect(toImage({ ...row, crop_version: 3 }).social).toBe("/media/images/2026/11/abc-social-v3.jpg");
  });

  it("reads a row without the library's columns (the seed, page queries) as WebP only", () => {
    const { formats: _formats, ...seeded } = row;
    const image = toImage(seeded);
    expect(image.variants).toHaveLength(2);
    expect(image.avif).toBeUndefined();
    expect(image.fallback).toBeUndefined();
    expect(toImage({ ...row, formats: "not json" }).variants).toEqual([]);
  });
});

describe("ResponsiveImage", () => {
  it("offers AVIF, then WebP, with the original as the <img> and its own-format srcset", () => {
    const html = render(toImage(row));
    expect(html).toBe(
      "<picture>" +
        `<source type="image/avif" srcset="/media/images/2026/11/abc-320.avif 320w, /media/images/2026/11/abc-640.avif 640w" sizes="${sizes}"/>` +
        `<source type="image/webp" srcset="/media/images/2026/11/abc-320.webp 320w, /media/images/2026/11/abc-640.webp 640w" sizes="${sizes}"/>` +
        `<img src="/media/images/2026/11/abc.jpg" srcset="/media/images/2026/11/abc-320.jpg 320w, /media/images/2026/11/abc-640.jpg 640w" sizes="${sizes}" width="1600" height="900" alt="Boats on the river" loading="lazy" decoding="async"/>` +
        "</picture>",
    );
  });

  it("loads the hero eagerly with high priority, and draws a bare <img> when there are no variants", () => {
    expect(render(toImage(row), true)).toContain('loading="eager" decoding="sync" fetchpriority="high"');
    expect(render({ ...toImage(row), variants: [], avif: [], fallback: [] })).toBe(
      '<img src="/media/images/2026/11/abc.jpg" width="1600" height="900" alt="Boats on the river" loading="lazy" decoding="async"/>',
    );
  });

  it("is valid HTML (Nu Html Checker) in every shape", async () => {
    const { formats: _formats, ...seeded } = row;
    const gif = toImage({ ...row, mime: "image/gif", storage_key: "images/x.gif", formats: '["webp"]' });
    const body = [toImage(row), toImage(seeded), gif, { ...toImage(row), variants: [], avif: [], fallback: [] }]
      .map((image, i) => render(image, i === 0))
      .join("\n");
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "london-daily-picture-"));
    const file = path.join(dir, "picture.html");
    fs.writeFileSync(
      file,
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Pictures</title></head><body>${body}</body></html>`,
    );
    let output: string;
    try {
      output = (await promisify(execFile)("java", ["-jar", vnu, "--format", "json", "--errors-only", file])).stderr;
    } catch (error) {
      output = (error as { stderr: string }).stderr;
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    const errors = (JSON.parse(output) as { messages: { type: string; message: string }[] }).messages.filter(
      (m) => m.type === "error",
    );
    expect(errors.map((m) => m.message)).toEqual([]);
  }, 60_000);
});
