import fs from "node:fs";
import path from "node:path";
import type { Response } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NEWSROOM_ENTRY } from "../../src/newsroom/newsroom.page.js";
import { PUBLIC_DIR } from "../../src/pages/assets.js";
import { type DemoSite, startDemoSite } from "../support/browser.js";
import { signedIn } from "../support/newsroom-session.js";

// Every file the newsroom's build asks for must exist where it is asked for: the shell's script,
// styles and modulepreload links, and the chunks Vite's preload helper fetches before each lazy
// view (its list of dependencies, `__vite__mapDeps`). The helper prefixes that list with Vite's
// `base`; a wrong base means 404s in the console and no preloading.

let site: DemoSite;

beforeAll(async () => {
  site = await startDemoSite();
});
afterAll(async () => {
  await site?.close();
});

/** The file names the newsroom chunk's preload helper may fetch, read from the built chunk. */
function preloadDependencies(): string[] {
  const manifest = JSON.parse(fs.readFileSync(path.join(PUBLIC_DIR, "build/.vite/manifest.json"), "utf8")) as Record<
    string,
    { file: string }
  >;
  const chunk = fs.readFileSync(path.join(PUBLIC_DIR, "build", manifest[NEWSROOM_ENTRY]!.file), "utf8");
  const list = /m\.f\s*\|\|\s*\(m\.f\s*=\s*(\[[^\]]*\])\)/.exec(chunk)?.[1];
  expect(list, "the newsroom chunk lists its lazy views' dependencies").toBeDefined();
  return JSON.parse(list!) as string[];
}

describe("the newsroom's build", () => {
  it("serves every file the shell names", async () => {
    const shell = await (await fetch(`${site.baseUrl}/newsroom`)).text();
    const urls = [...shell.matchAll(/<(?:link|script)\b[^>]*\b(?:href|src)="([^"]+)"/g)].map((m) => m[1]!);
    expect(urls.some((u) => shell.includes(`rel="modulepreload" href="${u}"`))).toBe(true);
    for (const url of urls) {
      expect((await fetch(new URL(url, site.baseUrl))).status, url).toBe(200);
    }
  });

  it("preloads every lazy view's chunks from where they are served, with no 404", async () => {
    const admin = await signedIn(site.db, "admin");
    const article = await site.db.selectFrom("articles").select("id").orderBy("id").executeTakeFirstOrThrow();
    const video = await site.db.selectFrom("videos").select("id").orderBy("id").executeTakeFirstOrThrow();
    const edition = await site.db.selectFrom("briefings").select("id").orderBy("id").executeTakeFirstOrThrow();

    const context = await site.browser.newContext();
    await context.addCookies([{ name: "ld_session", value: admin.cookie.split("=")[1]!, url: site.baseUrl }]);
    const page = await context.newPage();
    const responses: Response[] = [];
    const failed: string[] = [];
    // Only the build's files: pictures and video the views show are not what this is about.
    const isAsset = (url: string) => url.startsWith(`${site.baseUrl}/assets/`);
    page.on("response", (r) => isAsset(r.url()) && responses.push(r));
    page.on("requestfailed", (r) => isAsset(r.url()) && failed.push(`${r.url()} ${r.failure()?.errorText ?? ""}`));
    try {
      await page.goto(`${site.baseUrl}/newsroom/articles/${article.id}`);
      await page.getByLabel("Article body").waitFor();
      for (const view of [
        `articles/${article.id}/live`,
        "videos",
        `videos/${video.id}`,
        "newsletters",
        `editions/${edition.id}`,
        "subscribers",
        "audience",
        "audience/overview",
        `audience/articles/${article.id}`,
      ]) {
        await page.goto(`${site.baseUrl}/newsroom/${view}`, { waitUntil: "networkidle" });
      }
    } finally {
      await context.close();
    }

    const broken = responses.filter((r) => r.status() >= 400).map((r) => `${r.status()} ${r.url()}`);
    expect(broken).toEqual([]);
    expect(failed).toEqual([]);
    const served = new Set(responses.filter((r) => r.status() === 200).map((r) => new URL(r.url()).pathname));
    const missing = preloadDependencies().filter((file) => !served.has(`/assets/build/${file}`));
    expect(missing, "dependencies never fetched from /assets/build/").toEqual([]);
  });
});
