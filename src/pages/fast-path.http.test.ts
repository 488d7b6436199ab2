import http from "node:http";
import type { AddressInfo } from "node:net";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { buildApp } from "../app.js";
import { ViewCounter } from "../discovery/view-counter.js";
import { buildPageLayer } from "../page-layer.js";
import { describeEachDatabase } from "../../test/support/databases.js";
import { NOW, buildNewsroom } from "../../test/support/newsroom-fixture.js";
import type { PageLayer } from "./page-layer.js";
import { pageTags } from "./page-tags.js";

// Over a real socket (inject() does not go through the HTTP server): a stored page asked for again
// at the same URL is answered before routing, with the same bytes and headers as through Fastify.

const READER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140 Safari/537.36";

describeEachDatabase("hits answered before routing", (get) => {
  let app: FastifyInstance;
  let pages: PageLayer;
  let views: ViewCounter;
  let base = "";
  let f: Awaited<ReturnType<typeof buildNewsroom>>;

  beforeAll(async () => {
    const { handle, config } = get();
    f = await buildNewsroom(handle.db);
    pages = buildPageLayer({ config, db: handle.db, now: () => NOW, log: console });
    views = new ViewCounter(() => NOW);
    app = await buildApp({ config, db: handle.db, now: () => NOW, logger: false, pages, views });
    await app.listen({ port: 0, host: "127.0.0.1" });
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  });
  afterAll(() => app?.close());

  const ignored = ["date", "x-cache", "connection", "keep-alive"];
  const comparable = (headers: Record<string, unknown>) =>
    Object.fromEntries(Object.entries(headers).filter(([k]) => !ignored.includes(k)));

  it("sends the same bytes and headers as the framework did, the security headers included", async () => {
    for (const accept of ["", "br", "gzip"]) {
      const headers: Record<string, string> = accept ? { "accept-encoding": accept } : {};
      const url = `${base}/uk/night-buses-return`;
      await pages.invalidate([pageTags.story(f.lead.id)]);
      const first = await rawGet(url, headers);
      const hitsBefore = pages.cache!.stats.hits;
      const fast = await rawGet(url, headers);
      expect([first.headers["x-cache"], fast.headers["x-cache"]]).toEqual(["miss", "hit"]);
      expect(pages.cache!.stats.hits).toBe(hitsBefore + 1);
      expect(fast.body.equals(first.body), accept).toBe(true);
      expect(comparable(fast.headers), accept).toEqual(comparable(first.headers));
      expect(fast.headers["content-security-policy"]).toContain("script-src 'self'");
    }
  });

  it("answers 304 and HEAD, and leaves counting the view to the beacon", async () => {
    const url = `${base}/uk/library-hours`;
    const first = await rawGet(url, { "user-agent": READER });
    const notModified = await rawGet(url, { "user-agent": READER, "if-none-match": String(first.headers.etag) });
    expect([notModified.status, notModified.body.length, notModified.headers.etag]).toEqual([
      304,
      0,
      first.headers.etag,
    ]);
    const head = await rawGet(url, {}, "HEAD");
    expect([head.status, head.body.length, head.headers["x-cache"]]).toEqual([200, 0, "hit"]);
    // The page counts no view itself: the beacon in the page does, so nothing is counted twice (docs/adr/029).
    await views.flush(get().handle.db);
    const row = await get()
      .handle.db.selectFrom("article_views")
      .select("views")
      .where("article_id", "=", f.sameSection.id)
      .executeTakeFirst();
    expect(row).toBeUndefined();
  });

  it("never answers with a page a write dropped", async () => {
    const url = `${base}/uk/night-buses-return`;
    await rawGet(url);
    expect((await rawGet(url)).headers["x-cache"]).toBe("hit");
    await pages.invalidate([pageTags.story(f.lead.id)]);
    expect((await rawGet(url)).headers["x-cache"]).toBe("miss");
  });

  it("leaves every request to the framework once shutdown begins (its answers then say Connection: close)", async () => {
    const url = "/uk/night-buses-return";
    await rawGet(`${base}${url}`);
    await rawGet(`${base}${url}`);
    const answer = () => {
      const written: number[] = [];
      const res = { writeHead: (status: number) => written.push(status), end: () => undefined };
      const req = { method: "GET", url, headers: {} };
      return { answered: pages.fastPath!.handle(req as never, res as never), written };
    };
    expect(answer()).toEqual({ answered: true, written: [200] });
    pages.fastPath!.stop();
    expect(answer()).toEqual({ answered: false, written: [] });
    expect((await rawGet(`${base}${url}`)).headers["x-cache"]).toBe("hit"); // still cached, through Fastify
  });
});

/** A request over the socket, the body as sent (never decompressed). */
function rawGet(url: string, headers: Record<string, string> = {}, method = "GET") {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
    const req = http.request(url, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on("error", reject).end();
  });
}
