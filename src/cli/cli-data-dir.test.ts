import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runProcess } from "../../test/support/server-run.js";

// A mistyped DATA_DIR must not become a new, empty database that a command then reads (an export
// of nothing) or writes to (an account nobody will find). Only the server's first start and the
// commands that set a database up (migrate, seed demo) create one.

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "london-daily-cli-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const cli = (args: string[], dataDir: string) =>
  runProcess(["bin/london-daily.js", ...args], { DATA_DIR: dataDir, SEED_DEMO: "false" });

describe("the CLI with a DATA_DIR that holds no database", { timeout: 60_000 }, () => {
  it("refuses commands that read or change the database, names the folder, and creates nothing", async () => {
    const typo = path.join(tmp, "dta");
    for (const args of [
      ["subscribers", "export"],
      ["newsletter", "list"],
    ]) {
      const result = await cli(args, typo);
      const said = result.stdout + result.stderr;
      expect(result.code, said).toBe(1);
      expect(said).toContain(`No database in DATA_DIR ${typo}`);
      expect(said).not.toMatch(/^\s+at /m);
    }
    expect(fs.existsSync(typo)).toBe(false);
  });

  it("creates one with migrate, and says where; then the other commands run", async () => {
    const fresh = path.join(tmp, "fresh");
    const migrated = await cli(["migrate"], fresh);
    expect(migrated.code, migrated.stderr).toBe(0);
    expect(migrated.stdout).toContain(`New database at ${path.join(fresh, "london-daily.sqlite")}`);
    const listed = await cli(["newsletter", "list"], fresh);
    expect(listed.code, listed.stdout + listed.stderr).toBe(0);
  });
});
