import type { FastifyInstance } from "fastify";
import { expect } from "vitest";
import { buildApp } from "../../src/app.js";
import type { Db } from "../../src/database.js";
import { buildPageLayer } from "../../src/page-layer.js";
import type { PageLayer } from "../../src/pages/page-layer.js";
import type { Config } from "../../src/platform/config.js";
import type { SignedIn } from "./newsroom-session.js";

/**
 * Reads pages the way a reader does and says whether each came from the page cache, for the
 * invalidation tests: load the affected and unaffected pages, write, and look again.
 */
export function pageProbe(app: () => FastifyInstance, oracle?: { app: () => FastifyInstance; pages: PageLayer }) {
  // A crawler's user agent: these reads are not counted as views (Most read stays as it is).
  const read = async (on: FastifyInstance, url: string) => {
    const res = await on.inject({ method: "GET", url, headers: { "user-agent": "curl/8" } });
    return { status: res.statusCode, cache: res.headers["x-cache"], body: res.body, headers: res.headers };
  };
  const get = (url: string) => read(app(), url);
  return {
    get,
    /**
     * Nothing stale: each page as the cache sends it is the page as it would be rendered now (by
     * an app with no page cache and its rails read afresh).
     */
    async expectCurrent(...urls: string[]) {
      if (!oracle) throw new Error("pageProbe needs an app without a cache to compare with");
      await oracle.pages.refreshRails();
      for (const url of urls) {
        const [sent, now] = [await get(url), await read(oracle.app(), url)];
        expect(sent.status, `${url} status`).toBe(now.status);
        expect(sent.body === now.body, `${url} is stale`).toBe(true);
      }
    },
    /** Loads each page so the next request is a hit. */
    async warm(...urls: string[]) {
      for (const url of urls) {
        const first = await get(url);
        expect(first.status, url).toBe(200);
        expect((await get(url)).cache, url).toBe("hit");
      }
    },
    /** Each page is still the stored copy. */
    async expectCached(...urls: string[]) {
      for (const url of urls) expect((await get(url)).cache, `${url} should still be cached`).toBe("hit");
    },
    /** The page is rendered anew and shows (or no longer shows) the text. */
    async expectFresh(url: string, shows: { has?: string[]; hasNot?: string[]; status?: number } = {}) {
      const res = await get(url);
      expect(res.status, url).toBe(shows.status ?? 200);
      if (res.status === 200) expect(res.cache, `${url} should be rendered anew`).toBe("miss");
      for (const text of shows.has ?? []) expect(res.body, `${url} shows ${text}`).toContain(text);
      for (const text of shows.hasNot ?? []) expect(res.body, `${url} no longer shows ${text}`).not.toContain(text);
      return res;
    },
    /** A newsroom API call by a signed-in user. */
    api: async (who: SignedIn, method: "GET" | "POST" | "PUT" | "PATCH", url: string, payload?: unknown) => {
      const res = await app().inject({
        method,
        url: `/api/newsroom${url}`,
        headers: who.headers,
        ...(payload !== undefined ? { payload: payload as object } : {}),
      });
      expect(res.statusCode, `${method} ${url}: ${res.body}`).toBeLessThan(300);
      return res.json() as Record<string, any>;
    },
  };
}

/**
 * The app under test (page cache on, its page layer exposed) and an app with no page cache on the
 * same database and clock, to tell what the pages should show now.
 */
export async function appsWithAndWithoutCache(
  config: Config,
  db: Db,
  now: () => Date,
): Promise<{ app: FastifyInstance; pages: PageLayer; oracle: FastifyInstance; oraclePages: PageLayer }> {
  const log = { warn: () => undefined, error: () => undefined };
  const pages = buildPageLayer({ config, db, now, log });
  const uncached = { ...config, pageCacheBytes: 0 };
  const oraclePages = buildPageLayer({ config: uncached, db, now, log });
  const app = await buildApp({ config, db, now, logger: false, pages });
  const oracle = await buildApp({ config: uncached, db, now, logger: false, pages: oraclePages });
  return { app, pages, oracle, oraclePages };
}
