import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, expect, it } from "vitest";
import { sqliteFileOf } from "../database.js";
import { loadConfig } from "../platform/config.js";
import { runCli } from "./main.js";

// The import and reindex commands end to end, on a fresh SQLite database in a temporary folder.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cli-import-"));
const saved = {
  DATA_DIR: process.env.DATA_DIR,
  DATABASE_URL: process.env.DATABASE_URL,
  SEED_DEMO: process.env.SEED_DEMO,
};
afterAll(() => {
  for (const [key, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  fs.rmSync(dir, { recursive: true, force: true });
});

it("imports an archive, reports the bad line, and reindexes", async () => {
  process.env.DATA_DIR = dir;
  delete process.env.DATABASE_URL;
  process.env.SEED_DEMO = "false";
  // Commands other than migrate refuse a DATA_DIR without a database.
  expect(await runCli(["migrate"], () => {})).toBe(0);
  const file = path.join(dir, "archive.jsonl");
  fs.writeFileSync(
    file,
    [
      JSON.stringify({
        title: "Ferries to Woolwich",
        body: "A new ferry.\n\nIt runs hourly.",
        category: "transport",
        published_at: "2026-11-02",
      }),
      "not json",
      JSON.stringify({
        title: "Ferry fares",
        body: "Ferry fares fall.",
        category: "transport",
        author: "Ben Marsh",
        published_at: "2026-11-03T08:00:00Z",
      }),
    ].join("\n"),
  );
  const out: string[] = [];
  const code = await runCli(
    ["import", "jsonl", file, "--section-from", "category", "--create-sections", "--publish"],
    (l) => out.push(l),
  );
  expect(code).toBe(0);
  expect(out.at(-1)).toMatch(
    /^Imported 2 published articles in [\d.]+ s; 1 bad line skipped; 0 already present\. New sections: transport\. New authors: 1\.$/,
  );

  const again: string[] = [];
  expect(await runCli(["import", "jsonl", file, "--publish"], (l) => again.push(l))).toBe(0);
  expect(again.at(-1)).toMatch(/Imported 0 .* 2 already present/);

  const reindexed: string[] = [];
  expect(await runCli(["reindex"], (l) => reindexed.push(l))).toBe(0);
  expect(reindexed.at(-1)).toMatch(/^Reindexed 2 published articles in/);

  const missing: string[] = [];
  expect(await runCli(["import", "jsonl", path.join(dir, "nope.jsonl")], (l) => missing.push(l))).toBe(1);
  expect(missing[0]).toMatch(/No such file/);
  expect(await runCli(["import", "jsonl", file, "--section-from", "title"], () => {})).toBe(1);

  // Command-line imports are in the audit log, from "cli" with no account (issue 18).
  const Sqlite = (await import("better-sqlite3")).default;
  const sqlite = new Sqlite(sqliteFileOf(loadConfig(process.env)), { readonly: true });
  try {
    const rows = sqlite.prepare("SELECT action, ip, user_id FROM audit_log WHERE action = 'import.jsonl'").all();
    expect(rows.length).toBeGreaterThanOrEqual(2);
    expect(rows[0]).toEqual({ action: "import.jsonl", ip: "cli", user_id: null });
  } finally {
    sqlite.close();
  }
});
