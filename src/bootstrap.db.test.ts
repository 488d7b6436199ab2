import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { POSTGRES_URL, describeEachDatabase } from "../test/support/databases.js";
import { freshPostgresSchema } from "../test/support/server-run.js";
import { prepareDatabase } from "./bootstrap.js";
import type { Database } from "./database.js";
import { demoArticles } from "./demo/seed.js";
import { type DatabaseHandle, connectDatabase } from "./platform/db/connect.js";

// Two processes starting at once on a fresh database (two web processes behind a load balancer, or
// the server and `london-daily migrate`): each migrates and seeds. Here two boots run at once, each
// with its own connections, as two processes would.

describeEachDatabase("two boots at once on a fresh database", (get) => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "london-daily-boot-"));
  let handles: DatabaseHandle<Database>[] = [];
  let dropSchema: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    const open = async () => {
      if (get().dialect === "sqlite") return connectDatabase<Database>({ sqliteFile: path.join(dataDir, "db.sqlite") });
      const fresh = await freshPostgresSchema();
      dropSchema = fresh.drop;
      const url = fresh.env.DATABASE_URL!;
      return [
        connectDatabase<Database>({ databaseUrl: url, pgSchema: fresh.schema }),
        connectDatabase<Database>({ databaseUrl: POSTGRES_URL, pgSchema: fresh.schema }),
      ];
    };
    const opened = await open();
    handles = Array.isArray(opened)
      ? opened
      : [opened, connectDatabase<Database>({ sqliteFile: path.join(dataDir, "db.sqlite") })];
  });

  afterAll(async () => {
    for (const h of handles) await h.destroy();
    await dropSchema?.();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("migrates and seeds once: neither fails, one seeds, the other finds it done", async () => {
    const config = { ...get().config, dataDir, seedDemo: true };
    const now = new Date();
    const results = await Promise.allSettled(handles.map((h) => prepareDatabase(h, config, now)));
    const failures = results.flatMap((r) =>
      r.status === "rejected" ? [`${String(r.reason)} (${String((r.reason as Error).cause)})`] : [],
    );
    expect(failures).toEqual([]);
    const seeded = results.map((r) => (r.status === "fulfilled" ? r.value.seeded : undefined));
    expect(seeded.filter(Boolean)).toHaveLength(1);
    const { n } = await handles[0]!.db
      .selectFrom("articles")
      .select((eb) => eb.fn.countAll().as("n"))
      .executeTakeFirstOrThrow();
    expect(Number(n)).toBe(demoArticles.length);
  }, 120_000);
});
