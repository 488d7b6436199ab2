import fs from "node:fs";
import path from "node:path";
import type { FastifyInstance, FastifyReply } from "fastify";
import { PUBLIC_DIR } from "../pages/assets.js";

// The newsroom single-page app's HTML shell, answered at /newsroom and every path under it so
// client-side routes survive a reload. It carries no inline script or style (the CSP allows only
// 'self'), and is never cached: it names the current build's hashed files.

export const NEWSROOM_ENTRY = "src/newsroom/app/main.tsx";

interface ManifestChunk {
  file: string;
  css?: string[];
  imports?: string[];
}

export interface NewsroomAssets {
  js: string;
  css: string[];
  preload: string[];
}

/** The entry's script, its styles and the chunks it imports statically, from Vite's manifest. */
export function readNewsroomAssets(publicDir = PUBLIC_DIR): NewsroomAssets | undefined {
  const file = path.join(publicDir, "build/.vite/manifest.json");
  if (!fs.existsSync(file)) return undefined;
  const manifest = JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, ManifestChunk>;
  const entry = manifest[NEWSROOM_ENTRY];
  if (!entry) return undefined;
  const url = (f: string) => `/assets/build/${f}`;
  const css = new Set(entry.css ?? []);
  const preload: string[] = [];
  for (const key of entry.imports ?? []) {
    const chunk = manifest[key];
    if (!chunk) continue;
    preload.push(url(chunk.file));
    for (const c of chunk.css ?? []) css.add(c);
  }
  return { js: url(entry.file), css: [...css].map(url), preload };
}

const escapeAttr = (s: string) => s.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");

export function newsroomShell(assets: NewsroomAssets, siteName: string, timeZone = "Europe/London"): string {
  const name = escapeAttr(siteName);
  return [
    "<!doctype html>",
    '<html lang="en-GB">',
    "<head>",
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="robots" content="noindex, nofollow">',
    `<title>Newsroom · ${name}</title>`,
    ...assets.css.map((href) => `<link rel="stylesheet" href="${escapeAttr(href)}">`),
    ...assets.preload.map((href) => `<link rel="modulepreload" href="${escapeAttr(href)}">`),
    `<script type="module" src="${escapeAttr(assets.js)}"></script>`,
    "</head>",
    "<body>",
    '<a class="skip-link" href="#main">Skip to content</a>',
    // The newsroom's zone (TZ_NEWSROOM): the app counts days and schedules in it, as the server does.
    `<div id="newsroom" data-site-name="${name}" data-time-zone="${escapeAttr(timeZone)}">`,
    `<main id="main" tabindex="-1"><h1>Newsroom</h1><p>The newsroom needs JavaScript. Loading…</p></main>`,
    "</div>",
    "</body>",
    "</html>",
  ].join("\n");
}

/** GET /newsroom and /newsroom/*: the app shell. The build is read on first use, then kept. */
export function registerNewsroomPage(
  app: FastifyInstance,
  options: { siteName: string; timeZone?: string; publicDir?: string },
): void {
  let assets: NewsroomAssets | undefined;
  const handler = async (_req: unknown, reply: FastifyReply) => {
    assets ??= readNewsroomAssets(options.publicDir);
    reply.header("cache-control", "no-store").header("x-robots-tag", "noindex");
    if (!assets) {
      return reply
        .status(503)
        .header("content-type", "text/plain; charset=utf-8")
        .send("The newsroom app is not built: run `npm run build:client`.");
    }
    return reply
      .header("content-type", "text/html; charset=utf-8")
      .send(newsroomShell(assets, options.siteName, options.timeZone));
  };
  app.get("/newsroom", handler);
  app.get("/newsroom/*", handler);
}
