import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POSTGRES_URL } from "../test/support/databases.js";
import { type ServerProcess, freshPostgresSchema, startServer } from "../test/support/server-run.js";
import { connectDatabase } from "./platform/db/connect.js";
import type { Database } from "./database.js";
import { JOBS } from "./jobs.js";
import { enqueue, getJob } from "./platform/jobs/job.queries.js";

// The server as a process on PostgreSQL, with its connections ended under it the way a failover, a
// restart or a proxy reaping idle connections ends them.

describe("the server on PostgreSQL when its connections are ended", () => {
  let schema: Awaited<ReturnType<typeof freshPostgresSchema>>;
  let server: ServerProcess;
  let dataDir: string;

  beforeAll(async () => {
    schema = await freshPostgresSchema();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "london-daily-pg-faults-"));
    // Generous: a server process starts in 3-10 s, slower on a loaded machine.
    server = await startServer({ ...schema.env, DATA_DIR: dataDir, SEED_DEMO: "false" }, 120_000);
  }, 150_000);

  afterAll(async () => {
    await server?.stop();
    await schema?.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("lives through pg_terminate_backend, reconnects and serves the next request; its job runner goes on", async () => {
    expect((await fetch(`${server.url}/`)).status).toBe(200);
    // The job runner polls every second: by now the pool holds idle connections for the fault to hit.
    await new Promise((r) => setTimeout(r, 1500));
    expect(await schema.terminate()).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 1500));
    expect(server.exited(), server.output()).toBeUndefined();

    const res = await fetch(`${server.url}/`);
    expect(res.status, server.output()).toBe(200);

    const handle = connectDatabase<Database>({ databaseUrl: POSTGRES_URL, pgSchema: schema.schema });
    try {
      const job = await enqueue(handle.db, JOBS.rebuildIndex, {});
      // A second round of terminations, now with the runner mid-poll, before the job is taken.
      await schema.terminate();
      const deadline = Date.now() + 20_000;
      let status = "";
      while (Date.now() < deadline) {
        status = (await getJob(handle.db, job.id))?.status ?? "";
        if (status === "succeeded" || status === "failed") break;
        await new Promise((r) => setTimeout(r, 250));
      }
      expect(status, server.output()).toBe("succeeded");
    } finally {
      await handle.destroy();
    }
    expect(server.exited(), server.output()).toBeUndefined();
  }, 60_000);
});

describe("two server processes starting at once on a fresh PostgreSQL schema", () => {
  it("both come up; the demo is seeded once", async () => {
    const fresh = await freshPostgresSchema();
    const dirs = [0, 1].map(() => fs.mkdtempSync(path.join(os.tmpdir(), "london-daily-pg-boot-")));
    const started = await Promise.allSettled(
      dirs.map((dir) => startServer({ ...fresh.env, DATA_DIR: dir, SEED_DEMO: "true" }, 120_000)),
    );
    try {
      const failed = started.flatMap((s) => (s.status === "rejected" ? [String(s.reason)] : []));
      expect(failed).toEqual([]);
      const handle = connectDatabase<Database>({ databaseUrl: POSTGRES_URL, pgSchema: fresh.schema });
      try {
        const sections = await handle.db.selectFrom("sections").select("slug").execute();
        expect(sections.length).toBeGreaterThan(0);
        expect(new Set(sections.map((s) => s.slug)).size).toBe(sections.length);
      } finally {
        await handle.destroy();
      }
    } finally {
      for (const s of started) if (s.status === "fulfilled") await s.value.stop();
      await fresh.drop();
      for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 150_000);
});
