import { execFileSync } from "node:child_process";
import { ensureSystemPackages } from "./system-setup.js";

/** Browser tests need Debian's Chromium, ffmpeg and a current client build; all are made here if missing. */
export default function setup(): void {
  ensureSystemPackages();
  execFileSync(process.execPath, ["--import", "tsx", "scripts/build-client.ts", "--if-stale"], { stdio: "inherit" });
}
