import { spawnSync } from "node:child_process";
import path from "node:path";
import { expect, it } from "vitest";
import { describeEachDatabase } from "../../../test/support/databases.js";
import { authenticate } from "./accounts.js";

// `london-daily user create|reset-password` as an operator runs it: a child process on the same
// database, the password on standard input.

const BIN = path.resolve("bin/london-daily.js");

describeEachDatabase("the user command", (get) => {
  const run = (args: string[], input: string) =>
    spawnSync(process.execPath, [BIN, ...args], {
      input,
      encoding: "utf8",
      env: { ...process.env, ...get().env, SEED_DEMO: "false", LOG_LEVEL: "silent" },
      timeout: 60_000,
    });

  it("creates an account with a password from standard input, and refuses weak or duplicate ones", async () => {
    const args = [
      "user",
      "create",
      "--email",
      "Night.Editor@Example.org",
      "--name",
      "Nina Night",
      "--role",
      "editor",
      "--password-stdin",
    ];
    const weak = run(args, "password123\n");
    expect(weak.status).toBe(1);
    expect(weak.stdout).toMatch(/common passwords/);

    const ok = run(args, "late-shift-at-the-desk\n");
    expect(ok.stderr).toBe("");
    expect(ok.status).toBe(0);
    expect(ok.stdout).toContain("Created editor Nina Night <night.editor@example.org>.");
    const user = await authenticate(get().handle.db, "night.editor@example.org", "late-shift-at-the-desk");
    expect(user?.role).toBe("editor");

    expect(run(args, "late-shift-at-the-desk\n").stdout).toMatch(/exists already/);
    const badRole = run(
      ["user", "create", "--email", "a@example.org", "--name", "A", "--role", "owner", "--password-stdin"],
      "x",
    );
    expect(badRole.status).toBe(1);
    expect(badRole.stdout).toMatch(/--role/);
  });

  it("resets a password and signs the account out", async () => {
    const res = run(
      ["user", "reset-password", "--email", "night.editor@example.org", "--password-stdin"],
      "a-brand-new-shift-pattern\n",
    );
    expect(res.status).toBe(0);
    const db = get().handle.db;
    expect(await authenticate(db, "night.editor@example.org", "late-shift-at-the-desk")).toBeUndefined();
    expect(await authenticate(db, "night.editor@example.org", "a-brand-new-shift-pattern")).toBeDefined();
    expect(
      run(["user", "reset-password", "--email", "nobody@example.org", "--password-stdin"], "whatever-it-is-here\n")
        .status,
    ).toBe(1);
  });
});
