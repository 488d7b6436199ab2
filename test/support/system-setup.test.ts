import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import config from "../../vitest.config.js";

// On a fresh machine `npm test` must run every test: each project that runs video tests has the
// system set-up, which installs ffmpeg when it is missing, the same way as Chromium. Here it runs
// in a real process on a PATH where Chromium and Java exist but ffmpeg does not, with a stand-in
// for apt-get that records what it is asked to install.

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "london-daily-system-setup-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function fakePath(): { bin: string; aptGet: string; log: string } {
  const bin = path.join(dir, "bin");
  fs.mkdirSync(bin, { recursive: true });
  for (const tool of ["bash", "id"]) {
    const real = execFileSync("bash", ["-c", `command -v ${tool}`], { encoding: "utf8" }).trim();
    fs.symlinkSync(real, path.join(bin, tool));
  }
  for (const present of ["chromium", "java"]) {
    fs.writeFileSync(path.join(bin, present), "#!/bin/sh\nexit 0\n", { mode: 0o755 });
  }
  const log = path.join(dir, "apt-get.log");
  const aptGet = path.join(dir, "apt-get");
  fs.writeFileSync(aptGet, `#!/bin/sh\necho "$*" >> ${JSON.stringify(log)}\n`, { mode: 0o755 });
  return { bin, aptGet, log };
}

const isRoot = process.getuid?.() === 0;
const SYSTEM_SETUP = "test/support/system-setup.ts";

describe("the test set-up", () => {
  it("runs the system set-up before the integration and browser tests (they make and play videos)", () => {
    const projects = (config.test?.projects ?? []) as { test?: { name?: string; globalSetup?: string[] } }[];
    for (const name of ["integration", "browser"]) {
      const setups = projects.find((p) => p.test?.name === name)?.test?.globalSetup ?? [];
      expect(setups, name).toContain(SYSTEM_SETUP);
    }
  });

  it("installs ffmpeg when it is missing, though Chromium is present", () => {
    const { bin, aptGet, log } = fakePath();
    const url = pathToFileURL(path.resolve(SYSTEM_SETUP)).href;
    let said = "";
    try {
      execFileSync(
        process.execPath,
        ["--import", "tsx", "--input-type=module", "-e", `await (await import(${JSON.stringify(url)})).default();`],
        { env: { PATH: bin, APT_GET: aptGet, HOME: dir }, encoding: "utf8", stdio: "pipe" },
      );
    } catch (err) {
      said = String((err as { stderr?: string }).stderr ?? err);
    }
    if (isRoot) {
      const asked = fs.existsSync(log) ? fs.readFileSync(log, "utf8") : "";
      expect(asked).toMatch(/^install .*\bffmpeg\b/m);
      expect(asked).not.toMatch(/\bchromium\b/);
    } else {
      expect(said).toMatch(/Missing system packages: ffmpeg\b.*sudo apt-get install -y ffmpeg/);
    }
  });
});
