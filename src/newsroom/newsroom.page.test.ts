import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Fastify from "fastify";
import { afterAll, describe, expect, it } from "vitest";
import { NEWSROOM_ENTRY, readNewsroomAssets, registerNewsroomPage } from "./newsroom.page.js";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "newsroom-page-"));
fs.mkdirSync(path.join(dir, "build/.vite"), { recursive: true });
fs.writeFileSync(
  path.join(dir, "build/.vite/manifest.json"),
  JSON.stringify({
    _shared: { file: "assets/shared-1.js", css: ["assets/shared-1.css"] },
    [NEWSROOM_ENTRY]: { file: "assets/newsroom-2.js", css: ["assets/newsroom-2.css"], imports: ["_shared"] },
    "src/client/main.ts": { file: "assets/main-3.js", imports: ["_shared"] },
  }),
);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("the newsroom shell", () => {
  it("names the built entry, its styles and the chunks it imports", () => {
    expect(readNewsroomAssets(dir)).toEqual({
      js: "/assets/build/assets/newsroom-2.js",
      css: ["/assets/build/assets/newsroom-2.css", "/assets/build/assets/shared-1.css"],
      preload: ["/assets/build/assets/shared-1.js"],
    });
    expect(readNewsroomAssets(path.join(dir, "missing"))).toBeUndefined();
  });

  it("answers /newsroom and every path under it, uncached, with no inline script or style", async () => {
    const app = Fastify();
    registerNewsroomPage(app, { siteName: 'The "Daily" <Paper>', timeZone: "America/New_York", publicDir: dir });
    for (const url of ["/newsroom", "/newsroom/articles/12", "/newsroom/reset-password"]) {
      const res = await app.inject({ url });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers["cache-control"]).toBe("no-store");
      expect(res.headers["content-type"]).toMatch(/^text\/html/);
      const html = res.body;
      expect(html).toMatch(/^<!doctype html>\n<html lang="en-GB">/);
      expect(html).toContain('<script type="module" src="/assets/build/assets/newsroom-2.js"></script>');
      expect(html).toContain('<link rel="modulepreload" href="/assets/build/assets/shared-1.js">');
      expect(html).toContain('<a class="skip-link" href="#main">');
      expect(html).toContain("<title>Newsroom · The &quot;Daily&quot; &lt;Paper></title>");
      // TZ_NEWSROOM reaches the app, which counts days and schedules in it.
      expect(html).toContain('data-time-zone="America/New_York"');
      expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>|<style|\sstyle=|\son\w+=/);
    }
    await app.close();
  });

  it("says so when the app is not built", async () => {
    const app = Fastify();
    registerNewsroomPage(app, { siteName: "Daily", publicDir: path.join(dir, "missing") });
    const res = await app.inject({ url: "/newsroom" });
    expect(res.statusCode).toBe(503);
    expect(res.body).toContain("npm run build:client");
    await app.close();
  });
});
