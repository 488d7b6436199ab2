import { execFileSync } from "node:child_process";
import fs from "node:fs";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { portClosesWithin } from "../test/support/ports.js";
import { type ServerProcess, startServerProcess } from "../test/support/server-process.js";

// `npm start`, the README's command, as a process manager or a container runs it: it must pass
// SIGTERM on to the server (npm forwards it to its child; a shell in between would swallow it and
// leave the server running, re-parented), and must not rebuild a build that is current.

const MANIFEST = "public/build/.vite/manifest.json";
let server: ServerProcess | undefined;

beforeAll(() => {
  execFileSync(process.execPath, ["--import", "tsx", "scripts/build-client.ts", "--if-stale"], { stdio: "inherit" });
});
afterEach(async () => {
  await server?.cleanUp();
  server = undefined;
});

describe("npm start", () => {
  it(
    "stops the server when npm gets SIGTERM, and starts without rebuilding a current build",
    { timeout: 90_000 },
    async () => {
      const builtAt = fs.statSync(MANIFEST).mtimeMs;
      const started = Date.now();
      server = await startServerProcess({ command: ["npm", "start", "--silent"] });
      const seconds = (Date.now() - started) / 1000;
      console.log(`npm start answered in ${seconds.toFixed(1)} s`);
      expect(fs.statSync(MANIFEST).mtimeMs).toBe(builtAt);

      server.child.kill("SIGTERM");
      expect(await portClosesWithin(server.port, 15_000)).toBe(true);
      const exit = await Promise.race([
        server.exited,
        new Promise((r) => setTimeout(() => r("npm still running"), 5_000)),
      ]);
      expect(exit).toEqual({ code: 0, signal: null });
    },
  );
});
