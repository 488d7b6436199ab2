import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildNewsroom } from "../test/support/newsroom-fixture.js";
import { type SignedIn, signedIn } from "../test/support/newsroom-session.js";
import { type ServerProcess, startServer } from "../test/support/server-run.js";
import { freePort } from "../test/support/ports.js";
import type { Database } from "./database.js";
import { connectDatabase } from "./platform/db/connect.js";

// WEB_CONCURRENCY=2 on one machine without Redis: the cluster's primary relays each write's tags,
// so the worker that did not take the write drops its copy too (docs/adr/023). SQLite, the default.

/** A GET on a connection of its own, so the cluster hands it to the next worker in turn. */
let gets = 0;
function get(url: string): Promise<{ cache: string | undefined; body: string }> {
  gets++;
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent: false }, (res) => {
        let body = "";
        res.on("data", (c: Buffer) => (body += c.toString()));
        res.on("end", () => resolve({ cache: res.headers["x-cache"] as string | undefined, body }));
      })
      .on("error", reject);
  });
}

describe("two cluster workers without Redis", () => {
  let server: ServerProcess;
  let dataDir: string;
  let db: ReturnType<typeof connectDatabase<Database>>;
  let editor: SignedIn;
  let leadId: number;
  let metricsPort: number;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "london-daily-cluster-"));
    metricsPort = await freePort();
    server = await startServer(
      { DATA_DIR: dataDir, SEED_DEMO: "false", WEB_CONCURRENCY: "2", METRICS_PORT: String(metricsPort) },
      120_000,
    );
    db = connectDatabase<Database>({ sqliteFile: path.join(dataDir, "london-daily.sqlite") });
    leadId = (await buildNewsroom(db.db)).lead.id;
    editor = await signedIn(db.db, "editor");
  }, 150_000);

  afterAll(async () => {
    await server?.stop();
    await db?.destroy();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const api = async (method: string, url: string, body?: object) => {
    const res = await fetch(`${server.url}/api/newsroom${url}`, {
      method,
      headers: { ...editor.headers, ...(body ? { "content-type": "application/json" } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    expect(res.status, await res.clone().text()).toBeLessThan(300);
    return (await res.json()) as { version: number };
  };

  it("shows an Update made through one worker on the other's next request", async () => {
    const url = `${server.url}/uk/night-buses-return`;
    // Both workers render and store it; then every request is a hit, whichever worker answers.
    for (let i = 0; i < 4; i++) await get(url);
    // A rail refresh can drop a stored copy in between: poll until both workers answer from memory.
    await expect
      .poll(
        async () => (await Promise.all(Array.from({ length: 6 }, () => get(url)))).every((r) => r.cache === "hit"),
        {
          timeout: 15_000,
        },
      )
      .toBe(true);
    const draft = await api("GET", `/articles/${leadId}`);
    await api("PUT", `/articles/${leadId}`, { baseVersion: draft.version, headline: "Night buses, twice as often" });
    await api("POST", `/articles/${leadId}/publish`, {
      baseVersion: (await api("GET", `/articles/${leadId}`)).version,
    });
    for (let i = 0; i < 6; i++) expect((await get(url)).body).toContain("Night buses, twice as often");
  });

  it("answers /metrics on METRICS_PORT for both workers at once", async () => {
    // The primary gives its workers 5 s to answer (prom-client's limit) and says 500 after that: on
    // a loaded machine a scrape can miss it, and the next one, as Prometheus would make, counts.
    let text = "";
    await expect
      .poll(
        async () => {
          const res = await fetch(`http://127.0.0.1:${metricsPort}/metrics`);
          text = await res.text();
          return res.status;
        },
        { timeout: 30_000, interval: 500 },
      )
      .toBe(200);
    // Label order differs between the workers' aggregated series: read the labels, not their order.
    const served = text
      .split("\n")
      .filter(
        (l) =>
          l.startsWith("http_request_duration_seconds_count{") &&
          l.includes('route="/:section/:slug"') &&
          l.includes('status="200"'),
      )
      .reduce((sum, l) => sum + Number(l.split(" ").at(-1)), 0);
    // Every article request of the test above, split between the two workers, added up here.
    expect(served).toBe(gets);
    expect(text).toMatch(/page_cache_invalidations_received_total\{role="web"\} [1-9]/);
  });
});
