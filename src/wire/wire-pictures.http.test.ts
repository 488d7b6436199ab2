import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { buildApp } from "../app.js";
import { twoTone } from "../media/media-test-files.js";
import { describeEachDatabase } from "../../test/support/databases.js";
import { buildSection } from "../../test/support/factories.js";
import { type SignedIn, signedIn } from "../../test/support/newsroom-session.js";

// Pictures offered with wire items, on both engines: kept with the item when it is polled, fetched
// only by "Use this", through the media pipeline; the first becomes the hero image with its caption
// and credit, and each picture that could not be had is a line in the draft's note, never a failure.

const fixture = (name: string) => fs.readFileSync(path.join(import.meta.dirname, "fixtures", name), "utf8");

describeEachDatabase("wire pictures", (get) => {
  let app: FastifyInstance;
  const clock = new Date("2026-12-08T12:00:00Z");
  let admin: SignedIn;
  let writer: SignedIn;
  const files = new Map<string, { type: string; body: Buffer }>();
  const requested: string[] = [];
  const agency = http.createServer((req, res) => {
    requested.push(req.url ?? "");
    const file = files.get(req.url ?? "");
    if (!file) return res.writeHead(404).end();
    res.writeHead(200, { "content-type": file.type }).end(file.body);
  });
  let base = "";
  /** The fixtures name wire.example; here its pictures come from the local server. */
  const served = (name: string) =>
    Buffer.from(
      fixture(name)
        .replaceAll("https://intranet.wire.example", base.replace("127.0.0.1", "localhost"))
        .replaceAll("https://wire.example", base),
    );

  const api = (who: SignedIn, method: "GET" | "POST", url: string, payload?: unknown) =>
    app.inject({ method, url: `/api/newsroom${url}`, payload: payload as object, headers: who.headers });

  async function pollFeed(name: string, route: string, format: string) {
    const created = await api(admin, "POST", "/wire/providers", {
      name,
      sourceKind: "http",
      source: `${base}${route}`,
      format,
    });
    expect(created.statusCode, created.body).toBe(201);
    const polled = await api(admin, "POST", `/wire/providers/${created.json().id}/poll`, {});
    expect(polled.json()).toMatchObject({ created: 1 });
    return (await api(writer, "GET", `/wire/items?provider=${created.json().id}`)).json().items[0] as { id: number };
  }

  async function use(itemId: number) {
    const used = await api(writer, "POST", `/wire/items/${itemId}/use`, {});
    expect(used.statusCode, used.body).toBe(201);
    return (await api(writer, "GET", `/articles/${used.json().articleId}`)).json();
  }

  beforeAll(async () => {
    await new Promise<void>((resolve) => agency.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(agency.address() as AddressInfo).port}`;
    files.set("/ninjs", { type: "application/json", body: served("pictures.ninjs.json") });
    files.set("/g2", { type: "application/xml", body: served("pictures.newsml.xml") });
    files.set("/photos/regatta-1200.jpg", { type: "image/jpeg", body: await twoTone(1200, 800).jpeg().toBuffer() });
    files.set("/photos/crowd.png", {
      type: "image/png",
      body: await twoTone(640, 480, "#222", "#eee").png().toBuffer(),
    });
    files.set("/photos/page.jpg", { type: "image/jpeg", body: Buffer.from("<!doctype html><title>Not here</title>") });
    files.set("/photos/lido-1600.jpg", {
      type: "image/jpeg",
      body: await twoTone(1600, 1200, "#0a0").jpeg().toBuffer(),
    });
    const { handle, config } = get();
    await buildSection(handle.db, { slug: "london", name: "London" });
    admin = await signedIn(handle.db, "admin", clock);
    writer = await signedIn(handle.db, "writer", clock);
    // The local agency is on a loopback address: the operator allows that one host, and no other.
    app = await buildApp({
      config: { ...config, wireAllowedHosts: ["127.0.0.1"] },
      db: handle.db,
      now: () => clock,
      logger: false,
    });
  });
  afterAll(async () => {
    await app?.close();
    agency.closeAllConnections();
    await new Promise((resolve) => agency.close(resolve));
  });

  it("keeps the pictures with the item and fetches none of them until a draft is made", async () => {
    const item = await pollFeed("Pictures ninjs", "/ninjs", "ninjs");
    const detail = (await api(writer, "GET", `/wire/items/${item.id}`)).json();
    expect(detail.images).toHaveLength(5);
    expect(detail.images[0]).toEqual({
      url: `${base}/photos/regatta-1200.jpg`,
      caption: "Crews race past Putney Bridge at the start.",
      credit: "Jon Bell",
      alt: "Crews on the river at Putney",
      width: 1200,
      height: 800,
      bytes: 48213,
    });
    expect(requested.filter((r) => r.startsWith("/photos/"))).toEqual([]);
  });

  it("makes the first picture the hero image with its caption and credit, and names each that failed", async () => {
    const item = (await api(writer, "GET", "/wire/items?q=regatta")).json().items[0];
    const draft = await use(item.id);
    expect(draft).toMatchObject({
      headline: "Rowing clubs race the tide at the winter regatta",
      heroCaption: "Crews race past Putney Bridge at the start.",
      heroCredit: "Jon Bell",
    });
    const lead = (await api(writer, "GET", `/media/${draft.heroMediaId}`)).json();
    expect(lead).toMatchObject({
      mime: "image/jpeg",
      width: 1200,
      height: 800,
      alt: "Crews on the river at Putney",
      caption: "Crews race past Putney Bridge at the start.",
      credit: "Jon Bell",
      filename: "regatta-1200.jpg",
      uploadedBy: { id: writer.user.id },
    });
    expect(lead.variants.length).toBeGreaterThan(0);
    const notes = draft.editorsNotes as string;
    expect(notes).toContain("Pictures from the wire: 2 in the media library; the first is the hero image.");
    expect(notes).toContain(`Picture not fetched: ${base}/photos/gone.jpg (answered 404)`);
    expect(notes).toMatch(/Picture not fetched: .*\/photos\/page\.jpg \(The file is not a JPEG, PNG/);
    expect(notes).toMatch(
      /Picture not fetched: http:\/\/localhost:\d+\/photos\/inside\.jpg \(localhost resolves to .*a private address/,
    );
    // Only the renditions chosen were asked for: no thumbnail, no TIFF original, no video.
    expect(requested.filter((r) => r.startsWith("/photos/")).sort()).toEqual([
      "/photos/crowd.png",
      "/photos/gone.jpg",
      "/photos/page.jpg",
      "/photos/regatta-1200.jpg",
    ]);
    const crowd = (await api(writer, "GET", "/media?q=towpath")).json();
    expect(JSON.stringify(crowd)).toContain("Spectators line the towpath.");

    // A second draft from the same item finds the same bytes in the library and stores nothing new.
    const again = await use(item.id);
    expect(again.heroMediaId).toBe(draft.heroMediaId);
  });

  it("takes a NewsML-G2 picture item's caption and credit, and makes the draft when every picture fails", async () => {
    const item = await pollFeed("Pictures G2", "/g2", "newsml-g2");
    const draft = await use(item.id);
    expect(draft).toMatchObject({
      heroCaption: "The first swimmers at the reopened lido.",
      heroCredit: "Jon Bell/Thames Press Agency",
    });
    expect(draft.editorsNotes).toContain(`Picture not fetched: ${base}/photos/lido-map.png (answered 404)`);

    files.delete("/photos/lido-1600.jpg");
    const bare = await use(item.id);
    expect(bare).toMatchObject({
      status: "draft",
      heroMediaId: null,
      headline: "Lido reopens after a year of repairs",
    });
    expect(bare.editorsNotes).not.toContain("Pictures from the wire:");
    expect(bare.editorsNotes).toContain("lido-1600.jpg (answered 404)");
  });
});
