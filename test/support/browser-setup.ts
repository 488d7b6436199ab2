import { execFileSync } from "node:child_process";
import fs from "node:fs";

/** Browser tests need Debian's Chromium and the built client bundle; both are made here if missing. */
export default function setup(): void {
  if (!fs.existsSync("/usr/bin/chromium")) {
    execFileSync("bash", ["scripts/ensure-system-packages.sh"], { stdio: "inherit" });
  }
  if (!fs.existsSync("public/build/.vite/manifest.json")) {
    execFileSync("npx", ["vite", "build", "--logLevel", "warn"], { stdio: "inherit" });
  }
}
