import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachDatabase } from "../../test/support/databases.js";
import type { Db } from "../database.js";
import { WIRE_JOBS, wireJobHandlers } from "./wire-jobs.js";
import { expireItems, pollProvider } from "./wire-poll.js";
import { createProvider, providerInput } from "./wire-providers.js";

// Providers that misbehave: each gets a clear error in its status, a back-off, and nothing
// half-stored. Also the folder source, one run per provider at a time, the tick and expiry.

const fixture = (name: string) => fs.readFileSync(path.join(import.meta.dirname, "fixtures", name));

// The test server listens on 127.0.0.1, which the address guard refuses unless it is allowed.
const local = { allowedHosts: new Set(["127.0.0.1"]) };

describeEachDatabase("wire faults", (get) => {
  let db: Db;
  let clock = new Date("2026-12-07T12:00:00Z");
  const now = () => clock;
  const hanging: http.ServerResponse[] = [];
  let requests = 0;
  const server = http.createServer((req, res) => {
    requests++;
    if (req.url === "/hang") return void hanging.push(res);
    if (req.url === "/elsewhere") return res.writeHead(302, { location: "http://another.example/feed" }).end();
    if (req.url === "/here") return res.writeHead(301, { location: "/rss" }).end();
    if (req.url === "/rss") return res.writeHead(200).end(fixture("agency.rss.xml"));
    if (req.url === "/huge") {
      res.writeHead(200, { "content-type": "application/xml" });
      const chunk = Buffer.alloc(1024 * 1024, "a");
      let sent = 0;
      const pump = () => {
        while (sent < 50 && res.write(chunk)) sent++;
        if (sent < 50) res.once("drain", pump);
        else res.end();
      };
      res.on("error", () => undefined);
      return pump();
    }
    if (req.url === "/broken")
      return res.writeHead(200).end("<rss><channel><item><title>Half</title><guid>b1</guid></item><item><title>x");
    if (req.url === "/bomb") return res.writeHead(200).end(fixture("billion-laughs.xml"));
    if (req.url === "/gone") return res.writeHead(503, "Service Unavailable").end();
    res.writeHead(404).end();
  });
  const base = () => `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const add = (name: string, source: string, format = "rss", sourceKind = "http") =>
    createProvider(db, providerInput.parse({ name, sourceKind, source, format }), { userId: null }, clock);
  const status = (id: number) =>
    db.selectFrom("wire_providers").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
  const items = async (id: number) =>
    (await db.selectFrom("wire_items").select("guid").where("provider_id", "=", id).execute()).length;

  beforeAll(async () => {
    db = get().handle.db;
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  });
  afterAll(async () => {
    for (const res of hanging) res.destroy();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it("gives up on a provider that hangs, says so, and backs off twice as long each time", async () => {
    const id = await add("Hangs", `${base()}/hang`);
    const first = await pollProvider({ db, now, http: { ...local, timeoutMs: 300 } }, id);
    expect(first.error).toBe("The feed did not answer within 0.3 s");
    const after1 = await status(id);
    expect(after1).toMatchObject({ failures: 1, last_error: first.error, running_until: null });
    expect(Date.parse(after1.next_poll_at) - clock.getTime()).toBe(2 * 300_000);
    await pollProvider({ db, now, http: { ...local, timeoutMs: 300 } }, id);
    expect(Date.parse((await status(id)).next_poll_at) - clock.getTime()).toBe(4 * 300_000);
  });

  it("refuses a redirect to another host, follows one within the host", async () => {
    const away = await add("Redirects away", `${base()}/elsewhere`);
    expect((await pollProvider({ db, now, http: local }, away)).error).toBe(
      "The feed redirected to another host (another.example); not followed",
    );
    const here = await add("Redirects here", `${base()}/here`);
    expect(await pollProvider({ db, now, http: local }, here)).toMatchObject({ created: 2 });
  });

  it("refuses a feed at a private address unless its host is allowed, and fetches nothing", async () => {
    const id = await add("Inside", `${base()}/rss`);
    const before = requests;
    const run = await pollProvider({ db, now }, id);
    expect(run.error).toBe(
      "The feed's address is refused: 127.0.0.1 is a private address; an admin can allow the host in WIRE_ALLOWED_HOSTS",
    );
    expect(requests).toBe(before);
    expect(await items(id)).toBe(0);
    expect(await status(id)).toMatchObject({ last_error: run.error, failures: 1 });
    // A name that resolves to loopback is refused the same way.
    const named = await add("Inside by name", `http://localhost:${(server.address() as AddressInfo).port}/rss`);
    expect((await pollProvider({ db, now }, named)).error).toMatch(
      /^The feed's address is refused: localhost resolves to (127\.0\.0\.1|::1), a private address/,
    );
    expect(requests).toBe(before);
  });

  it("stops reading a 50 MB feed at 20 MB, and stores nothing of a broken or hostile one", async () => {
    const huge = await add("Huge", `${base()}/huge`);
    expect((await pollProvider({ db, now, http: local }, huge)).error).toMatch(/larger than 20 MB/);
    const broken = await add("Broken", `${base()}/broken`);
    expect((await pollProvider({ db, now, http: local }, broken)).error).toMatch(/not well-formed XML/);
    expect(await items(broken)).toBe(0);
    const bomb = await add("Bomb", `${base()}/bomb`);
    expect((await pollProvider({ db, now, http: local }, bomb)).error).toMatch(/document type \(DTD\)/);
    const gone = await add("Gone", `${base()}/gone`);
    expect((await pollProvider({ db, now, http: local }, gone)).error).toBe(
      "The feed answered 503 Service Unavailable",
    );
  });

  it("runs a provider once at a time, and skips a paused one", async () => {
    const id = await add("Held", `${base()}/rss`);
    // A run under way elsewhere holds the provider: this one stands aside.
    const held = new Date(clock.getTime() + 60_000).toISOString();
    await db.updateTable("wire_providers").set({ running_until: held }).where("id", "=", id).execute();
    expect((await pollProvider({ db, now, http: local }, id)).skipped).toBe("running");
    // A hold past its time (a worker that died mid-run) does not block the next run.
    await db
      .updateTable("wire_providers")
      .set({ running_until: new Date(clock.getTime() - 1000).toISOString() })
      .where("id", "=", id)
      .execute();
    expect(await pollProvider({ db, now, http: local }, id)).toMatchObject({ created: 2 });
    expect(await items(id)).toBe(2);
    await db.updateTable("wire_providers").set({ enabled: 0 }).where("id", "=", id).execute();
    expect((await pollProvider({ db, now, http: local }, id)).skipped).toBe("paused");
  });

  it("takes files dropped in a folder once, and sets aside the ones it cannot read with the reason", async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), "wire-drop-"));
    const id = await add("Drop folder", folder, "ninjs", "folder");
    fs.writeFileSync(path.join(folder, "one.json"), fixture("item-v1.ninjs.json"));
    fs.writeFileSync(path.join(folder, "bad.json"), "{ nope");
    const old = new Date(clock.getTime() - 60_000);
    for (const f of ["one.json", "bad.json"]) fs.utimesSync(path.join(folder, f), old, old);
    // A file still being written (changed a moment ago) waits for the next run.
    fs.writeFileSync(path.join(folder, "arriving.json"), fixture("items-v2.ninjs.json"));
    fs.utimesSync(path.join(folder, "arriving.json"), clock, clock);

    const run = await pollProvider({ db, now, http: local }, id);
    expect(run).toMatchObject({ created: 1 });
    expect(fs.readdirSync(folder).sort()).toEqual([".failed", ".processed", "arriving.json"]);
    const failed = fs.readdirSync(path.join(folder, ".failed"));
    expect(failed.some((f) => f.endsWith("bad.json.error.txt"))).toBe(true);
    expect((await status(id)).last_error).toMatch(/bad.json: The feed is not valid JSON/);
    fs.rmSync(folder, { recursive: true, force: true });
  });

  it("queues each due provider once per due time however often the tick runs, and expires unused items", async () => {
    const handlers = wireJobHandlers({ db, now, retentionDays: 7, allowedHosts: local.allowedHosts });
    const id = await add("Ticked", `${base()}/rss`);
    const ctx = { progress: async () => undefined, heartbeat: async () => undefined, job: {} } as never;
    await handlers[WIRE_JOBS.tick].run({}, ctx);
    await handlers[WIRE_JOBS.tick].run({}, ctx);
    const polls = await db.selectFrom("jobs").select("payload").where("name", "=", WIRE_JOBS.poll).execute();
    expect(polls.filter((p) => JSON.parse(p.payload).providerId === id)).toHaveLength(1);

    await pollProvider({ db, now, http: local }, id);
    expect(await items(id)).toBe(2);
    clock = new Date(clock.getTime() + 8 * 86_400_000);
    expect(await expireItems(db, clock, 7)).toBeGreaterThanOrEqual(2);
    expect(await items(id)).toBe(0);
  });
});
