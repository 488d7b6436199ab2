import { execFileSync } from "node:child_process";
import fs from "node:fs";
import { ensureSystemPackages } from "./system-setup.js";

/** Browser tests need Debian's Chromium, ffmpeg and the built client bundles; all are made here if missing. */
export default function setup(): void {
  ensureSystemPackages();
  const manifest = "public/build/.vite/manifest.json";
  // A build from before the newsroom app existed lacks its entry: build again.
  if (!fs.existsSync(manifest) || !fs.readFileSync(manifest, "utf8").includes('"src/newsroom/app/main.tsx"')) {
    execFileSync("npx", ["vite", "build", "--logLevel", "warn"], { stdio: "inherit" });
  }
}
