import { expect, it } from "vitest";
import { checkImportSiteArguments } from "../cli/import-site.cli.js";
import { fetchableUrl } from "./import-media.js";

// Which address `--fetch-media` asks for an image source, and the command's checks of its options.

it("fetches absolute http(s) addresses as they are, and paths only against the old site's address", () => {
  expect(fetchableUrl("https://cdn.example/a.jpg", undefined)).toBe("https://cdn.example/a.jpg");
  expect(fetchableUrl("//cdn.example/a.jpg", undefined)).toBe("https://cdn.example/a.jpg");
  expect(fetchableUrl("/content/images/2024/a.jpg", undefined)).toBeUndefined();
  expect(fetchableUrl("/content/images/2024/a.jpg", "https://old.example/blog")).toBe(
    "https://old.example/content/images/2024/a.jpg",
  );
  expect(fetchableUrl("content/images/a.jpg", "https://old.example/blog")).toBe(
    "https://old.example/blog/content/images/a.jpg",
  );
  expect(fetchableUrl("data:image/png;base64,AAAA", "https://old.example")).toBeUndefined();
  expect(fetchableUrl("file:///etc/passwd", "https://old.example")).toBeUndefined();
});

it("takes --media-url only with --fetch-media, and only an http(s) address", () => {
  const args = {
    format: "ghost" as const,
    file: import.meta.filename,
    mediaDir: undefined,
    fetchMedia: true,
    mediaUrl: "https://old.example",
    allowedHosts: [],
    section: undefined,
    dryRun: false,
    siteUrl: "http://localhost:3000",
  };
  expect(checkImportSiteArguments(args)).toBeNull();
  expect(checkImportSiteArguments({ ...args, fetchMedia: false })).toMatch(/--media-url is for --fetch-media/);
  expect(checkImportSiteArguments({ ...args, mediaUrl: "ftp://old.example" })).toMatch(/not an http\(s\) address/);
});
