import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import vnu from "vnu-jar";
import { insertEntry, setLiveStatus } from "../live/live.writes.js";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../app.js";
import { openDatabase } from "../database.js";
import { migrateToLatest } from "../platform/migrations/migrate.js";
import { testConfig } from "../../test/support/databases.js";
import { buildBriefing } from "../../test/support/factories.js";
import { NOW, buildNewsroom } from "../../test/support/newsroom-fixture.js";

// Every page type through the Nu Html Checker (vnu-jar, run on the machine's Java): no errors.
// The markup does not depend on the database engine, so SQLite alone serves here.

const run = promisify(execFile);

const PAGES: [string, string, number][] = [
  ["home", "/", 200],
  ["article", "/uk/night-buses-return", 200],
  ["section", "/uk", 200],
  ["tag", "/tags/transport", 200],
  ["author", "/authors/ada-okafor", 200],
  ["briefing", "/morning-headlines/2026-07-01", 200],
  ["briefing-archive", "/morning-headlines", 200],
  ["digest edition", "/newsletters/city-desk/2026-07-01", 200],
  ["search", "/search?q=night", 200],
  ["search with filters and no results", "/search?q=night&section=world&from=2026-01-01&sort=newest", 200],
  ["search form", "/search", 200],
  ["newsletters", "/newsletters", 200],
  ["api-docs", "/api/content/docs", 200],
  ["admin-api-docs", "/api/admin/v1/docs", 200],
  ["check-inbox", "/newsletters/check-your-inbox?from=%2F", 200],
  ["live blog", "/world/ferries-in-rotterdam", 200],
  ["live blog older page", "/world/ferries-in-rotterdam?page=1", 200],
  ["live blog key events", "/world/ferries-in-rotterdam?filter=key-events", 200],
  ["not-found", "/no/such/page", 404],
  ["bad-request", "/uk?page=0", 400],
];

describe("HTML validity (Nu Html Checker)", () => {
  let app: FastifyInstance;
  let destroy: () => Promise<void>;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "london-daily-vnu-"));

  beforeAll(async () => {
    const config = testConfig();
    const handle = openDatabase({ ...config, dataDir: dir });
    await migrateToLatest(handle.db, handle.dialect);
    await buildNewsroom(handle.db);
    // A sent edition of a newsletter an admin added: its "view in browser" page.
    await handle.db
      .insertInto("newsletters")
      .values({ slug: "city-desk", name: "City Desk", kind: "daily", created_at: NOW.toISOString() })
      .execute();
    const stories = await handle.db.selectFrom("articles").select("id").limit(2).execute();
    await buildBriefing(handle.db, {
      newsletter: "city-desk",
      date: "2026-07-01",
      publishedAt: NOW,
      articleIds: stories.map((s) => s.id),
    });
    // A live blog with older pages, key events and a pinned entry.
    const ferries = await handle.db
      .selectFrom("articles")
      .select("id")
      .where("slug", "=", "ferries-in-rotterdam")
      .executeTakeFirstOrThrow();
    await setLiveStatus(handle.db, ferries.id, "open", new Date(NOW.getTime() - 5 * 3600_000));
    for (let i = 1; i <= 45; i++) {
      const text = { type: "text", text: `Ferry update ${i}: the crossing runs ${i} minutes late.` };
      await insertEntry(
        handle.db,
        {
          articleId: ferries.id,
          title: i % 4 === 0 ? `Update ${i}` : "",
          body: { type: "doc", content: [{ type: "paragraph", content: [text] }] },
          status: "published",
          pinned: i === 44,
          keyEvent: i % 10 === 3,
          authorId: null,
          authorName: "Ben Marsh",
        },
        new Date(NOW.getTime() - (46 - i) * 5 * 60_000),
      );
    }
    app = await buildApp({ config, db: handle.db, now: () => NOW, logger: false });
    destroy = handle.destroy;
  });
  afterAll(async () => {
    await app?.close();
    await destroy?.();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("reports no errors on any page type", async () => {
    const files: string[] = [];
    for (const [name, url, status] of PAGES) {
      const res = await app.inject(url);
      expect(res.statusCode, url).toBe(status);
      const file = path.join(dir, `${name}.html`);
      fs.writeFileSync(file, res.body);
      files.push(file);
    }
    const invalid = await app.inject({
      method: "POST",
      url: "/newsletters/subscribe",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      payload: "email=nope",
    });
    fs.writeFileSync(path.join(dir, "signup-error.html"), invalid.body);
    files.push(path.join(dir, "signup-error.html"));

    let output: string;
    try {
      output = (await run("java", ["-jar", vnu, "--format", "json", "--errors-only", ...files], { maxBuffer: 1 << 24 }))
        .stderr;
    } catch (error) {
      output = (error as { stderr: string }).stderr;
    }
    const messages = (
      JSON.parse(output) as { messages: { type: string; url: string; message: string; extract?: string }[] }
    ).messages
      .filter((m) => m.type === "error")
      .map((m) => `${path.basename(m.url)}: ${m.message} ${m.extract ?? ""}`);
    expect(messages).toEqual([]);
  }, 120_000);
});
