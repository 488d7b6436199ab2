import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../app.js";
import { openDatabase } from "../database.js";
import { migrateToLatest } from "../platform/migrations/migrate.js";
import { testConfig } from "../../test/support/databases.js";
import { buildArticle } from "../../test/support/factories.js";
import { NOW, buildNewsroom } from "../../test/support/newsroom-fixture.js";

// Every page is rendered from a fixed number of queries: adding stories to the lists on a page
// must not add queries (no query per item). Measured with the page cache off and the rails (read
// once per interval, not per page) already loaded.

describe("queries per page", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "london-daily-queries-"));
  let queries = 0;
  const handle = openDatabase({ ...testConfig(), dataDir: dir }, { onQuery: () => void queries++ });
  let app: Awaited<ReturnType<typeof buildApp>>;
  let f: Awaited<ReturnType<typeof buildNewsroom>>;

  beforeAll(async () => {
    await migrateToLatest(handle.db, handle.dialect);
    f = await buildNewsroom(handle.db);
    app = await buildApp({ config: testConfig({ PAGE_CACHE_MB: "0" }), db: handle.db, now: () => NOW, logger: false });
    await app.inject("/");
  });
  afterAll(async () => {
    await app.close();
    await handle.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const count = async (url: string) => {
    queries = 0;
    const res = await app.inject(url);
    expect(res.statusCode, url).toBe(200);
    return queries;
  };

  it("does not grow with the number of stories listed", async () => {
    const urls = [
      "/",
      "/uk/night-buses-return",
      "/uk",
      "/tags/transport",
      "/authors/ada-okafor",
      "/morning-headlines/2026-07-01",
      "/api/content/articles",
      "/api/content/articles?section=uk&tag=transport",
      "/api/content/articles/night-buses-return",
      "/api/content/search?q=n",
    ];
    const before: [string, number][] = [];
    for (const u of urls) before.push([u, await count(u)]);
    for (let i = 0; i < 25; i++) {
      await buildArticle(handle.db, {
        sectionId: i % 2 ? f.uk.id : f.world.id,
        publishedAt: new Date(NOW.getTime() - (i + 1) * 60_000),
        tagIds: [f.transport.id],
        authorIds: [f.ada.id],
        heroMediaId: f.hero.id,
      });
    }
    for (const [url, n] of before) {
      expect(await count(url), url).toBe(n);
      expect(n, url).toBeLessThanOrEqual(12);
    }
  });
});
