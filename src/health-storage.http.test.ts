import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachDatabase } from "../test/support/databases.js";
import { freePort } from "../test/support/ports.js";
import { type TestS3, startS3 } from "../test/support/s3-server.js";
import { buildApp } from "./app.js";
import type { Config } from "./platform/config.js";

// Readiness names a media store that cannot take files: a media folder that cannot be written, a
// bucket that is missing or a store that does not answer. The instance stays in (200, "degraded":
// every instance shares the store), and the body says what failed without a path or a host.

let s3: TestS3;
beforeAll(async () => {
  s3 = await startS3();
}, 60_000);
afterAll(async () => {
  await s3?.close();
});

describeEachDatabase("/healthz and the media store", (get) => {
  const apps: FastifyInstance[] = [];
  const dirs: string[] = [];
  const site = async (storage: Config["storage"]) => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "london-daily-health-"));
    dirs.push(dataDir);
    const app = await buildApp({ config: { ...get().config, dataDir, storage }, db: get().handle.db, logger: false });
    apps.push(app);
    return { app, dataDir };
  };
  const health = async (app: FastifyInstance) => {
    const res = await app.inject({ method: "GET", url: "/healthz" });
    return { status: res.statusCode, body: res.json<Record<string, unknown>>() };
  };
  afterAll(async () => {
    for (const app of apps) await app.close();
    for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
  });

  it("reports a media folder that cannot be written, and ok once it can, leaving no probe behind", async () => {
    const { app, dataDir } = await site({ kind: "local" });
    expect(await health(app)).toEqual({ status: 200, body: { status: "ok", database: "ok", storage: "ok" } });
    expect(fs.readdirSync(path.join(dataDir, "media"))).toEqual([]);
    // Something else took the folder's place (root ignores permissions, so a file stands in for a
    // read-only mount): nothing can be written under it.
    fs.rmSync(path.join(dataDir, "media"), { recursive: true });
    fs.writeFileSync(path.join(dataDir, "media"), "not a folder");
    const broken = await health(app);
    expect(broken).toEqual({
      status: 200,
      body: {
        status: "degraded",
        database: "ok",
        storage: "unwritable",
        problems: { storage: expect.stringMatching(/^the media folder cannot be written \((EEXIST|ENOTDIR)\)$/) },
      },
    });
    expect(JSON.stringify(broken.body)).not.toContain(dataDir);
    fs.rmSync(path.join(dataDir, "media"));
    expect((await health(app)).body).toMatchObject({ status: "ok", storage: "ok" });
  });

  it("reports a bucket that is missing, and a store that does not answer", async () => {
    const settings = await s3.bucket(`health-${get().dialect}`);
    const { app } = await site({ kind: "s3", ...settings });
    expect(await health(app)).toEqual({ status: 200, body: { status: "ok", database: "ok", storage: "ok" } });

    const { app: missing } = await site({ kind: "s3", ...settings, bucket: `${settings.bucket}-gone` });
    expect(await health(missing)).toEqual({
      status: 200,
      body: {
        status: "degraded",
        database: "ok",
        storage: "unreachable",
        problems: { storage: "the bucket does not exist" },
      },
    });

    // A port nothing listens on: the store is away.
    const away = await freePort();
    const { app: down } = await site({ kind: "s3", ...settings, endpoint: `http://127.0.0.1:${away}` });
    const answer = await health(down);
    expect(answer).toEqual({
      status: 200,
      body: {
        status: "degraded",
        database: "ok",
        storage: "unreachable",
        problems: { storage: "the store could not be reached (ECONNREFUSED)" },
      },
    });
    expect(JSON.stringify(answer.body)).not.toContain(String(away));
  });
});
