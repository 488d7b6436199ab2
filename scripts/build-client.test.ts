import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { clientBuildState } from "./build-client.js";

const root = fs.mkdtempSync(path.join(os.tmpdir(), "london-daily-build-state-"));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

function write(file: string, text: string, secondsAgo: number) {
  const full = path.join(root, file);
  fs.mkdirSync(path.dirname(full), { recursive: true });
  fs.writeFileSync(full, text);
  const at = new Date(Date.now() - secondsAgo * 1000);
  fs.utimesSync(full, at, at);
}

describe("clientBuildState", () => {
  it("is missing without a build, current when every input is older, stale naming the newer input", () => {
    write("src/client/main.ts", "export {};", 100);
    write("package.json", "{}", 100);
    expect(clientBuildState(root)).toEqual({ state: "missing" });

    write("public/build/.vite/manifest.json", "{}", 50);
    write("public/build/.vite/inputs.json", JSON.stringify(["src/client/main.ts"]), 50);
    expect(clientBuildState(root)).toEqual({ state: "current" });

    write("src/client/main.ts", "export const changed = 1;", 10);
    expect(clientBuildState(root)).toEqual({ state: "stale", changed: "src/client/main.ts" });

    write("public/build/.vite/inputs.json", JSON.stringify(["src/client/main.ts", "src/client/gone.ts"]), 0);
    expect(clientBuildState(root)).toEqual({ state: "stale", changed: "src/client/gone.ts" });

    write("public/build/.vite/inputs.json", JSON.stringify(["src/client/main.ts"]), 0);
    write("package.json", '{"version":"2"}', -5);
    expect(clientBuildState(root)).toEqual({ state: "stale", changed: "package.json" });
  });
});
