import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { buildApp } from "../app.js";
import { describeEachDatabase } from "../../test/support/databases.js";
import { buildSection } from "../../test/support/factories.js";
import { type SignedIn, signedIn } from "../../test/support/newsroom-session.js";

// The wire from a provider's feed to a published story, through the newsroom API, on both
// engines: polling with ETags, versions updating an item in place, kills warning the drafts made
// from them, embargoes holding, search and filters, and the provider's status in words.

const fixture = (name: string) => fs.readFileSync(path.join(import.meta.dirname, "fixtures", name));

/** A local stand-in for an agency's server: each path answers what the test put there. */
function fakeAgency() {
  const routes = new Map<string, { body: Buffer; type: string; etag?: string }>();
  const seen: { path: string; ifNoneMatch?: string; auth?: string }[] = [];
  const server = http.createServer((req, res) => {
    seen.push({ path: req.url ?? "", ifNoneMatch: req.headers["if-none-match"], auth: req.headers.authorization });
    const route = routes.get(req.url ?? "");
    if (!route) return res.writeHead(404).end();
    if (route.etag && req.headers["if-none-match"] === route.etag) return res.writeHead(304).end();
    res.writeHead(200, { "content-type": route.type, ...(route.etag ? { etag: route.etag } : {}) }).end(route.body);
  });
  return { server, routes, seen, url: () => `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

describeEachDatabase("wire ingest", (get) => {
  let app: FastifyInstance;
  let clock = new Date("2026-12-07T12:00:00Z");
  let admin: SignedIn;
  let writer: SignedIn;
  let contributor: SignedIn;
  const agency = fakeAgency();

  const api = (who: SignedIn, method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE", url: string, payload?: unknown) =>
    app.inject({ method, url: `/api/newsroom${url}`, payload: payload as object, headers: who.headers });

  async function provider(name: string, route: string, format: string, extra: object = {}) {
    const created = await api(admin, "POST", "/wire/providers", {
      name,
      sourceKind: "http",
      source: `${agency.url()}${route}`,
      format,
      ...extra,
    });
    expect(created.statusCode, created.body).toBe(201);
    return created.json() as { id: number };
  }
  const poll = async (id: number) => {
    const res = await api(admin, "POST", `/wire/providers/${id}/poll`, {});
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };
  const queue = async (query = "") => (await api(writer, "GET", `/wire/items${query}`)).json();

  beforeAll(async () => {
    await new Promise<void>((resolve) => agency.server.listen(0, "127.0.0.1", resolve));
    const { handle, config } = get();
    await buildSection(handle.db, { slug: "london", name: "London" });
    admin = await signedIn(handle.db, "admin", clock);
    writer = await signedIn(handle.db, "writer", clock);
    contributor = await signedIn(handle.db, "contributor", clock);
    // The local agency is on a loopback address, which the feed's address guard refuses unless allowed.
    app = await buildApp({
      config: { ...config, wireAllowedHosts: ["127.0.0.1"] },
      db: handle.db,
      now: () => clock,
      logger: false,
    });
  });
  afterAll(async () => {
    await app?.close();
    agency.server.closeAllConnections();
    await new Promise((resolve) => agency.server.close(resolve));
  });

  it("takes an RSS feed into the queue once, asks again with its ETag, and says what it refused", async () => {
    agency.routes.set("/rss", { body: fixture("agency.rss.xml"), type: "application/rss+xml", etag: '"rss-1"' });
    const { id } = await provider("Thames Press RSS", "/rss", "rss");
    expect(await poll(id)).toMatchObject({ created: 2, updated: 0, refused: 1 });
    const status = async () =>
      (await api(writer, "GET", "/wire/providers")).json().items.find((p: { id: number }) => p.id === id);
    expect(await status()).toMatchObject({ itemsLast24h: 2, failures: 0, quiet: false, format: "rss" });
    expect((await status()).lastError).toMatch(/1 item\(s\) refused: tpa-2026-0003: no headline/);

    expect(await poll(id)).toMatchObject({ created: 0, notModified: true });
    expect(agency.seen.filter((s) => s.path === "/rss").map((s) => s.ifNoneMatch)).toEqual([undefined, '"rss-1"']);
    // The latest run refused nothing, so the provider shows no error any more.
    expect((await status()).lastError).toBeNull();

    const { items } = await queue(`?provider=${id}`);
    expect(items.map((i: { headline: string }) => i.headline).sort()).toEqual([
      "Council approves new riverside cycle route",
      "Ferry timetable changes from Saturday",
    ]);
  });

  it("updates an item in place on a newer version, keeps each version, and marks a kill", async () => {
    agency.routes.set("/ninjs", { body: fixture("item-v1.ninjs.json"), type: "application/json" });
    const { id } = await provider("Thames Press ninjs", "/ninjs", "ninjs");
    expect(await poll(id)).toMatchObject({ created: 1 });
    const first = (await queue(`?provider=${id}`)).items[0];
    expect(first).toMatchObject({ version: 1, urgency: 3, embargoAt: "2030-01-01T00:00:00.000Z", killed: false });

    clock = new Date(clock.getTime() + 60_000);
    agency.routes.set("/ninjs", { body: fixture("items-v2.ninjs.json"), type: "application/json" });
    expect(await poll(id)).toMatchObject({ created: 1, updated: 1, killed: 1 });
    // The same versions again change nothing.
    expect(await poll(id)).toMatchObject({ created: 0, updated: 0, unchanged: 2 });

    const { items } = await queue(`?provider=${id}`);
    expect(items).toHaveLength(2);
    const budget = items.find((i: { headline: string }) => i.headline.startsWith("Borough budget"));
    expect(budget).toMatchObject({ id: first.id, version: 2, urgency: 2 });
    const detail = (await api(writer, "GET", `/wire/items/${first.id}`)).json();
    expect(detail.versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    expect(detail.versions[1].text).not.toContain("on housing");
    expect(detail.versions[0].text).toContain("on housing");
    // What changed, word by word: by default the latest version against the one before it.
    const changes = (await api(writer, "GET", `/wire/items/${first.id}/changes`)).json();
    expect(changes).toMatchObject({ from: 1, to: 2 });
    const byField = Object.fromEntries(
      changes.fields.map((f: { field: string; changes: { op: string; text: string }[] }) => [
        f.field,
        f.changes.filter((c) => c.op !== "equal").map((c) => `${c.op}:${c.text.trim()}`),
      ]),
    );
    expect(byField).toEqual({ headline: ["insert:after amendment"], body: ["insert:on housing"] });
    const same = (await api(writer, "GET", `/wire/items/${first.id}/changes?from=2&to=2`)).json();
    expect(same).toEqual({ from: 2, to: 2, fields: [] });
    expect((await api(writer, "GET", `/wire/items/${first.id}/changes?from=7`)).statusCode).toBe(404);
    expect((await api(contributor, "GET", `/wire/items/${first.id}/changes`)).statusCode).toBe(403);
    const killed = items.find((i: { headline: string }) => i.headline.startsWith("Bridge closure"));
    expect(killed.killed).toBe(true);
    expect((await queue(`?provider=${id}&killed=0`)).items).toHaveLength(1);
    const refused = await api(writer, "POST", `/wire/items/${killed.id}/use`, {});
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toMatch(/withdrew this item/);
  });

  it("makes a draft from an item that cannot be published before its embargo, and tells it of versions and kills", async () => {
    agency.routes.set("/g2", { body: fixture("message.newsml.xml"), type: "application/xml" });
    const { id } = await provider("Thames Press G2", "/g2", "newsml-g2");
    await poll(id);
    const fire = (await queue(`?provider=${id}&urgency=1`)).items;
    expect(fire.map((i: { headline: string }) => i.headline)).toEqual(["Fire closes covered market"]);

    const used = await api(writer, "POST", `/wire/items/${fire[0].id}/use`, {});
    expect(used.statusCode, used.body).toBe(201);
    const articleId = used.json().articleId as number;
    const draft = (await api(writer, "GET", `/articles/${articleId}`)).json();
    expect(draft).toMatchObject({
      status: "draft",
      headline: "Fire closes covered market",
      standfirst: "Traders were evacuated and nobody was hurt.",
      embargoAt: "2030-06-01T06:00:00.000Z",
    });
    expect(draft.authors.map((a: { name: string }) => a.name)).toContain("Thames Press Agency");
    expect(draft.editorsNotes).toContain(`/newsroom/wire/${fire[0].id}`);
    expect(JSON.stringify(draft.body)).toContain("within six minutes");

    const early = await api(writer, "POST", `/articles/${articleId}/publish`, { baseVersion: draft.version });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe("EMBARGOED");

    const item = (await api(writer, "GET", `/wire/items/${fire[0].id}`)).json();
    expect(item.drafts).toEqual([expect.objectContaining({ id: articleId, status: "draft", version: 2 })]);
    expect((await api(writer, "GET", `/wire/articles/${articleId}`)).json().sources).toEqual([
      expect.objectContaining({ itemId: fire[0].id, newerVersion: false, killed: false }),
    ]);

    // Version 3, then a kill, of the item the draft came from.
    const v3 = fixture("message.newsml.xml")
      .toString()
      .replace('market-fire" version="2"', 'market-fire" version="3"')
      .replace("nobody was hurt.</p>", "nobody was hurt. Two stalls were destroyed.</p>");
    agency.routes.set("/g2", { body: Buffer.from(v3), type: "application/xml" });
    expect(await poll(id)).toMatchObject({ updated: 1, usedItemsChanged: [fire[0].id] });
    expect((await api(writer, "GET", `/wire/articles/${articleId}`)).json().sources[0]).toMatchObject({
      newerVersion: true,
      usedVersion: 2,
      latestVersion: 3,
      killed: false,
    });
    const kill = v3
      .replace('market-fire" version="3"', 'market-fire" version="4"')
      .replace(/<pubStatus qcode="stat:usable"\/>/, '<pubStatus qcode="stat:canceled"/>');
    agency.routes.set("/g2", { body: Buffer.from(kill), type: "application/xml" });
    expect(await poll(id)).toMatchObject({ updated: 1, killed: 1 });
    expect((await api(writer, "GET", `/wire/articles/${articleId}`)).json().sources[0]).toMatchObject({ killed: true });
  });

  it("finds items by their words, and pages newest first with a cursor", async () => {
    const found = await queue("?q=ferry");
    expect(found.items.map((i: { headline: string }) => i.headline)).toEqual(["Ferry timetable changes from Saturday"]);
    expect((await queue('?q="covered market"')).items).toHaveLength(1);
    expect((await queue("?q=zzzznothing")).items).toHaveLength(0);
    const all = await queue("?limit=100");
    const first = await queue("?limit=2");
    const second = await queue(`?limit=2&before=${encodeURIComponent(first.next)}`);
    expect([...first.items, ...second.items].map((i: { id: number }) => i.id)).toEqual(
      all.items.slice(0, 4).map((i: { id: number }) => i.id),
    );
    expect((await api(writer, "GET", "/wire/items?before=garbage")).statusCode).toBe(400);
  });

  it("keeps contributors out of licensed copy and lets only admins change providers", async () => {
    expect((await api(contributor, "GET", "/wire/items")).statusCode).toBe(403);
    expect((await api(writer, "POST", "/wire/providers", {})).statusCode).toBe(403);
    const bad = await api(admin, "POST", "/wire/providers", {
      name: "Bad",
      sourceKind: "http",
      source: "javascript:alert(1)",
      format: "rss",
      intervalSeconds: 5,
    });
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json().error.details)).toMatch(/http\(s\) URL/);
    expect(JSON.stringify(bad.json().error.details)).toMatch(/At least a minute/);
  });
});
