import { execFileSync } from "node:child_process";

/** Browser tests need a current client build (system-setup.ts, before this, installs Chromium). */
export default function setup(): void {
  execFileSync(process.execPath, ["--import", "tsx", "scripts/build-client.ts", "--if-stale"], { stdio: "inherit" });
}
