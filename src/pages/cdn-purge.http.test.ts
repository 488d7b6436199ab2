import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { buildApp } from "../app.js";
import { describeEachDatabase } from "../../test/support/databases.js";
import { startFakeCdn } from "../../test/support/fake-cdn.js";
import { NOW, buildNewsroom } from "../../test/support/newsroom-fixture.js";
import { type SignedIn, signedIn } from "../../test/support/newsroom-session.js";

// With a CDN configured, it may keep pages for a day, because every write purges what it touched
// (here against a local stand-in for Fastly's API) before the write answers.

describeEachDatabase("purging the CDN on writes", (get) => {
  let app: FastifyInstance;
  let cdn: Awaited<ReturnType<typeof startFakeCdn>>;
  let editor: SignedIn;
  let f: Awaited<ReturnType<typeof buildNewsroom>>;

  beforeAll(async () => {
    const { handle, config } = get();
    f = await buildNewsroom(handle.db);
    editor = await signedIn(handle.db, "editor", NOW);
    cdn = await startFakeCdn();
    const cdnPurge = { provider: "fastly" as const, id: "svc", token: "secret", apiBase: cdn.url };
    app = await buildApp({ config: { ...config, cdnPurge }, db: handle.db, now: () => NOW, logger: false });
  });
  afterAll(async () => {
    await app?.close();
    await cdn?.close();
  });

  it("lets a CDN keep pages for a day, found by their keys, while browsers revalidate", async () => {
    const res = await app.inject("/uk/night-buses-return");
    expect(res.headers["cache-control"]).toBe("public, max-age=0, must-revalidate, s-maxage=86400");
    expect(res.headers["surrogate-control"]).toBe("max-age=86400");
    expect(String(res.headers["surrogate-key"]).split(" ")).toContain(`story-${f.lead.id}`);
    expect(String(res.headers["cache-tag"]).split(",")).toContain(`story-${f.lead.id}`);
  });

  it("purges the keys a correction touched before the correction answers", async () => {
    cdn.requests.length = 0;
    cdn.delay(100);
    const res = await app.inject({
      method: "POST",
      url: `/api/newsroom/articles/${f.lead.id}/notes`,
      headers: editor.headers,
      payload: { kind: "correction", text: "The depot is in Camberwell." },
    });
    expect(res.statusCode).toBe(200);
    expect(cdn.requests).toHaveLength(1); // already sent and answered: the write waited for it
    expect(cdn.requests[0]).toMatchObject({ path: "/service/svc/purge", headers: { "fastly-key": "secret" } });
    expect(cdn.requests[0]!.body.surrogate_keys).toEqual([`story-${f.lead.id}`]);
  });
});
