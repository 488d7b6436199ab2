import { createHash } from "node:crypto";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { SiteAssets } from "./site-context.js";

export const PUBLIC_DIR = fileURLToPath(new URL("../../public/", import.meta.url));

const require = createRequire(import.meta.url);

/** Self-hosted fonts from the package registry: no request ever goes to another host. */
export const FONT_DIRS = ["@fontsource/source-serif-4", "@fontsource/inter"].map((pkg) =>
  path.join(path.dirname(require.resolve(`${pkg}/package.json`)), "files"),
);

export const PRELOADED_FONTS = [
  "/assets/fonts/source-serif-4-latin-400-normal.woff2",
  "/assets/fonts/source-serif-4-latin-700-normal.woff2",
];

function versioned(file: string, url: string): string {
  const hash = createHash("sha256")
    .update(fs.readFileSync(path.join(PUBLIC_DIR, file)))
    .digest("hex")
    .slice(0, 10);
  return `${url}?v=${hash}`;
}

/** Resolved once at start-up: hashed URLs so browsers and CDNs may cache them for a long time. */
export function resolveAssets(): SiteAssets {
  let js: string | undefined;
  let jsImports: string[] = [];
  const manifestFile = path.join(PUBLIC_DIR, "build/.vite/manifest.json");
  if (fs.existsSync(manifestFile)) {
    const manifest = JSON.parse(fs.readFileSync(manifestFile, "utf8")) as Record<
      string,
      { file: string; imports?: string[] }
    >;
    const entry = manifest["src/client/main.ts"];
    if (entry) js = `/assets/build/${entry.file}`;
    // Preact is a chunk shared with the newsroom app: preloaded so it does not wait for the runtime.
    jsImports = (entry?.imports ?? []).flatMap((key) => {
      const chunk = manifest[key];
      return chunk ? [`/assets/build/${chunk.file}`] : [];
    });
  }
  return {
    css: versioned("site.css", "/assets/site.css"),
    js,
    jsImports,
    logo: versioned("logo.svg", "/assets/logo.svg"),
    logoPng: "/assets/logo-512.png",
    fonts: PRELOADED_FONTS,
  };
}
