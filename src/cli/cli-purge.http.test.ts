import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POSTGRES_URL } from "../../test/support/databases.js";
import { startFakeCdn } from "../../test/support/fake-cdn.js";
import { buildNewsroom } from "../../test/support/newsroom-fixture.js";
import { REDIS_URL, dropKeys, redisPrefix } from "../../test/support/redis-clients.js";
import { type ServerProcess, freshPostgresSchema, runProcess, startServer } from "../../test/support/server-run.js";
import type { Database } from "../database.js";
import { connectDatabase } from "../platform/db/connect.js";
import { migrateToLatest } from "../platform/migrations/migrate.js";

// An import from the command line, beside a running site with a CDN in front: the site drops its
// cached pages (told through Redis) and the CDN is purged of every page by the key they all carry
// ("pages"), leaving assets and media alone. Without Redis the CDN is purged all the same. The CDN's
// purge API is a local fake (test/support/fake-cdn.ts).

describe("a CLI import purges the running site's cache and the CDN", () => {
  let schema: Awaited<ReturnType<typeof freshPostgresSchema>>;
  let dataDir: string;
  let prefix: string;
  let cdn: Awaited<ReturnType<typeof startFakeCdn>>;
  let server: ServerProcess;
  let env: Record<string, string>;
  let articleUrl: string;
  let file: string;

  beforeAll(async () => {
    schema = await freshPostgresSchema();
    prefix = redisPrefix("cli-purge");
    cdn = await startFakeCdn();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "london-daily-cli-purge-"));
    const db = connectDatabase<Database>({ databaseUrl: POSTGRES_URL, pgSchema: schema.schema });
    await migrateToLatest(db.db, "postgres");
    const f = await buildNewsroom(db.db);
    articleUrl = `/uk/${f.lead.slug}`;
    await db.destroy();
    env = {
      ...schema.env,
      DATA_DIR: dataDir,
      SEED_DEMO: "false",
      REDIS_URL,
      REDIS_PREFIX: prefix,
      RUN_JOBS: "false",
      SITE_URL: "http://localhost:3000",
      CDN_PURGE: "fastly",
      CDN_PURGE_ID: "service-1",
      CDN_PURGE_TOKEN: "token-for-the-test",
      CDN_PURGE_API: cdn.url,
    };
    server = await startServer(env, 120_000);
    file = path.join(dataDir, "archive.jsonl");
    fs.writeFileSync(
      file,
      [
        JSON.stringify({
          title: "Ferries to Woolwich",
          body: "A new ferry.",
          category: "uk",
          published_at: "2026-11-02",
        }),
        JSON.stringify({ title: "Ferry fares", body: "Fares fall.", category: "uk", published_at: "2026-11-03" }),
      ].join("\n"),
    );
  }, 180_000);

  afterAll(async () => {
    await server?.stop();
    await schema?.drop();
    await dropKeys(prefix);
    await cdn?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const page = async (url: string) => {
    const res = await fetch(server.url + url);
    await res.arrayBuffer();
    return { cache: res.headers.get("x-cache"), keys: String(res.headers.get("surrogate-key")).split(" ") };
  };
  const purgedEverything = () =>
    cdn.requests.filter(
      (r) =>
        r.path === "/service/service-1/purge" &&
        JSON.stringify(r.body.surrogate_keys) === JSON.stringify(["pages"]) &&
        r.headers["fastly-key"] === "token-for-the-test",
    ).length;

  it("drops the site's cached pages and purges the CDN by the key every page carries", async () => {
    await page(articleUrl);
    const cached = await page(articleUrl);
    expect(cached.cache).toBe("hit");
    expect(cached.keys[0]).toBe("pages");
    await page("/");
    expect((await page("/")).cache).toBe("hit");

    const run = await runProcess(
      ["bin/london-daily.js", "import", "jsonl", file, "--section-from", "category", "--publish"],
      env,
      120_000,
    );
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stderr).not.toMatch(/not told|purge failed/);
    expect(purgedEverything()).toBe(1);
    // The site heard it before the command ended: its next answers are rendered again.
    expect((await page(articleUrl)).cache).not.toBe("hit");
    expect((await page("/")).cache).not.toBe("hit");
  }, 150_000);

  it("purges the CDN without Redis too, and says so when the purge fails", async () => {
    const { REDIS_URL: _redis, REDIS_PREFIX: _prefix, ...withoutRedis } = env;
    const before = purgedEverything();
    const run = await runProcess(["bin/london-daily.js", "reindex"], withoutRedis, 120_000);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(purgedEverything()).toBe(before + 1);

    cdn.answer(503, 503);
    const failing = await runProcess(["bin/london-daily.js", "reindex"], withoutRedis, 120_000);
    expect(failing.code).toBe(0); // the reindex is done; only the purge failed
    expect(failing.stderr).toMatch(/CDN purge failed.*503.*the CDN refreshes them within a day/);
  }, 150_000);
});
