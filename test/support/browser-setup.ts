import { execFileSync } from "node:child_process";
import fs from "node:fs";

/** Browser tests need Debian's Chromium and the built client bundles; both are made here if missing. */
export default function setup(): void {
  if (!fs.existsSync("/usr/bin/chromium")) {
    execFileSync("bash", ["scripts/ensure-system-packages.sh"], { stdio: "inherit" });
  }
  const manifest = "public/build/.vite/manifest.json";
  // A build from before the newsroom app existed lacks its entry: build again.
  if (!fs.existsSync(manifest) || !fs.readFileSync(manifest, "utf8").includes('"src/newsroom/app/main.tsx"')) {
    execFileSync("npx", ["vite", "build", "--logLevel", "warn"], { stdio: "inherit" });
  }
}
