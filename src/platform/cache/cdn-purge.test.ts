import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startFakeCdn } from "../../../test/support/fake-cdn.js";
import { loadConfig } from "../config.js";
import { cdnPurger } from "./cdn-purge.js";

describe("purging a CDN by key", () => {
  let cdn: Awaited<ReturnType<typeof startFakeCdn>>;
  const logged: { level: string; obj: object }[] = [];
  const log = {
    warn: (obj: object) => logged.push({ level: "warn", obj }),
    error: (obj: object) => logged.push({ level: "error", obj }),
  };
  const keys = (n: number) => Array.from({ length: n }, (_, i) => `article-${i}`);

  beforeAll(async () => {
    cdn = await startFakeCdn();
  });
  afterAll(() => cdn.close());
  beforeEach(() => {
    cdn.requests.length = 0;
    logged.length = 0;
    cdn.delay(0);
  });

  it("asks Fastly for a batch surrogate-key purge, 256 keys a request", async () => {
    const purge = cdnPurger({ provider: "fastly", id: "svc123", token: "secret", apiBase: cdn.url }, log);
    await purge([...keys(300), "article-1"]);
    expect(cdn.requests).toHaveLength(2);
    for (const req of cdn.requests) {
      expect([req.method, req.path, req.headers["fastly-key"]]).toEqual(["POST", "/service/svc123/purge", "secret"]);
    }
    const sent = cdn.requests.flatMap((r) => r.body.surrogate_keys as string[]);
    expect(sent.sort()).toEqual(keys(300).sort());
    expect(Math.max(...cdn.requests.map((r) => (r.body.surrogate_keys as string[]).length))).toBe(256);
  });

  it("asks Cloudflare to purge by Cache-Tag, 100 tags a request", async () => {
    const purge = cdnPurger({ provider: "cloudflare", id: "zone9", token: "tok", apiBase: cdn.url }, log);
    await purge(keys(150));
    expect(cdn.requests.map((r) => [r.path, r.headers.authorization, (r.body.tags as string[]).length])).toEqual(
      expect.arrayContaining([
        ["/zones/zone9/purge_cache", "Bearer tok", 100],
        ["/zones/zone9/purge_cache", "Bearer tok", 50],
      ]),
    );
  });

  it("tries once more after a failure, then logs the keys it could not purge and never throws", async () => {
    const purge = cdnPurger({ provider: "fastly", id: "s", token: "t", apiBase: cdn.url }, log);
    cdn.answer(503);
    await purge(["front"]);
    expect(cdn.requests).toHaveLength(2);
    expect(logged.map((l) => l.level)).toEqual(["warn"]);
    cdn.answer(500, 500);
    await purge(["front"]);
    expect(logged.map((l) => l.level)).toEqual(["warn", "error"]);
    expect(logged[1]!.obj).toMatchObject({ keys: ["front"] });
  });

  it("gives up on a CDN that does not answer in time", async () => {
    const purge = cdnPurger({ provider: "cloudflare", id: "z", token: "t", apiBase: cdn.url }, log, { timeoutMs: 50 });
    cdn.delay(500);
    const started = Date.now();
    await purge(["front"]);
    expect(Date.now() - started).toBeLessThan(450);
    expect(logged.map((l) => l.level)).toEqual(["error"]);
  });

  it("is configured by CDN_PURGE with its id and token, against the real API unless told", () => {
    expect(loadConfig({}).cdnPurge).toBeUndefined();
    expect(loadConfig({ CDN_PURGE: "fastly", CDN_PURGE_ID: "svc", CDN_PURGE_TOKEN: "t" }).cdnPurge).toEqual({
      provider: "fastly",
      id: "svc",
      token: "t",
      apiBase: "https://api.fastly.com",
    });
    expect(
      loadConfig({ CDN_PURGE: "cloudflare", CDN_PURGE_ID: "z", CDN_PURGE_TOKEN: "t", CDN_PURGE_API: cdn.url }).cdnPurge
        ?.apiBase,
    ).toBe(cdn.url);
    expect(() => loadConfig({ CDN_PURGE: "fastly" })).toThrow(/CDN_PURGE_ID/);
    expect(() => loadConfig({ CDN_PURGE: "akamai", CDN_PURGE_ID: "x", CDN_PURGE_TOKEN: "t" })).toThrow(/CDN_PURGE/);
  });
});
