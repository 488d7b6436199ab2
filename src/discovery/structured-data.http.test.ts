import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../app.js";
import { openDatabase } from "../database.js";
import { demoArticles, seedDemo } from "../demo/seed.js";
import { demoAuthors, demoSections } from "../demo/newsroom.js";
import { migrateToLatest } from "../platform/migrations/migrate.js";
import { TEST_DATA_DIR, describeEachDatabase, testConfig } from "../../test/support/databases.js";
import { NOW, buildNewsroom } from "../../test/support/newsroom-fixture.js";
import {
  type ValidationIssue,
  blockingIssues,
  describeIssues,
  jsonLdOf,
  validateJsonLd,
} from "../../test/support/structured-data.js";

// Every page's JSON-LD goes through a structured-data validator (test/support/structured-data.ts):
// Google's rich-result rules, Google's article guidelines and the schema.org vocabulary.

async function validatePages(app: FastifyInstance, urls: string[]) {
  const found: { url: string; types: string[]; issues: ValidationIssue[] }[] = [];
  for (const url of urls) {
    const res = await app.inject(url);
    expect(res.statusCode, url).toBe(200);
    const objects = jsonLdOf(res.body);
    found.push({
      url,
      types: objects.map((o) => String(o["@type"])),
      issues: blockingIssues(await validateJsonLd(objects)),
    });
  }
  const failures = found.filter((f) => f.issues.length > 0);
  expect(failures.map((f) => `${f.url}\n${describeIssues(f.issues)}`).join("\n\n")).toBe("");
  return found;
}

describeEachDatabase("structured data of the fixture newsroom", (get) => {
  let app: FastifyInstance;

  beforeAll(async () => {
    const { handle, config } = get();
    await buildNewsroom(handle.db);
    app = await buildApp({ config, db: handle.db, now: () => NOW, logger: false });
  });
  afterAll(() => app?.close());

  it("validates every published article, the home page and the listings", async () => {
    const found = await validatePages(app, [
      "/",
      "/uk/night-buses-return",
      "/world/ferries-in-rotterdam",
      "/uk/library-hours",
      "/world/late-yesterday",
      "/world/just-after-midnight",
      "/uk",
      "/authors/ada-okafor",
    ]);
    expect(found.find((f) => f.url === "/")?.types).toEqual(["NewsMediaOrganization", "WebSite"]);
    for (const f of found.filter((f) => f.url.split("/").length === 3 && !f.url.startsWith("/authors")))
      expect(f.types, f.url).toContain("NewsArticle");
  });

  it("gives a story without hero or byline the publisher's logo and the newsroom as author", async () => {
    const [article] = jsonLdOf((await app.inject("/world/late-yesterday")).body);
    expect(article).toMatchObject({
      image: ["http://localhost:3000/assets/logo-512.png"],
      author: [{ "@type": "NewsMediaOrganization", name: "London Daily", url: "http://localhost:3000/" }],
    });
  });
});

describe("structured data of the demo newsroom [sqlite]", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "london-daily-structured-data-"));
  const config = testConfig();
  const handle = openDatabase({ ...config, dataDir: dir });
  const demoNow = new Date("2026-11-28T16:00:00Z");
  let app: FastifyInstance;

  beforeAll(async () => {
    await migrateToLatest(handle.db, "sqlite");
    expect(await seedDemo(handle.db, { dataDir: TEST_DATA_DIR, now: demoNow, timeZone: config.timeZone })).toBe(true);
    app = await buildApp({ config, db: handle.db, now: () => demoNow, logger: false });
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await handle.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("validates the NewsArticle of every demo article", async () => {
    const found = await validatePages(
      app,
      demoArticles.map((a) => `/${a.section}/${a.slug}`),
    );
    expect(found).toHaveLength(demoArticles.length);
    // The demo's live blog is a LiveBlogPosting, held to the same rules and its own (coverage, updates).
    for (const f of found)
      expect(f.types, f.url).toContain(f.url === "/uk/storm-ida-live" ? "LiveBlogPosting" : "NewsArticle");
    const live = found.find((f) => f.url === "/uk/storm-ida-live")!;
    expect(live.issues).toEqual([]);
  });

  it("validates the home page, every section and every author page", async () => {
    await validatePages(app, [
      "/",
      ...demoSections.map((s) => `/${s.slug}`),
      ...demoAuthors.map((a) => `/authors/${a.slug}`),
    ]);
  });
});
