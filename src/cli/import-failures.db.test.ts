import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "kysely";
import { afterAll, expect, it } from "vitest";
import { describeEachDatabase } from "../../test/support/databases.js";

// `london-daily import jsonl` as an operator runs it, a child process on the same database: a few
// thousand short stories in one batch, bad lines and lines the database refuses are one sentence
// each, a database that refuses everything stops the import with one sentence, never a stack trace.

const BIN = path.resolve("bin/london-daily.js");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "import-failures-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const write = (name: string, lines: string[]) => {
  const file = path.join(dir, name);
  fs.writeFileSync(file, lines.join("\n"));
  return file;
};
const story = (title: string, body = `${title}: a short story.`, extra: object = {}) =>
  JSON.stringify({ title, body, ...extra });
const STACK = /^\s+at /m;

describeEachDatabase("the import command", (get) => {
  const run = (...args: string[]) =>
    spawnSync(process.execPath, [BIN, "import", "jsonl", ...args], {
      encoding: "utf8",
      env: { ...process.env, ...get().env, SEED_DEMO: "false", LOG_LEVEL: "silent" },
      timeout: 120_000,
    });
  const refuse = async (when: string) => {
    const db = get().handle.db;
    if (get().dialect === "sqlite") {
      await sql
        .raw(
          `create trigger refuse before insert on articles when ${when} begin select raise(abort, 'refused by the archive rules'); end`,
        )
        .execute(db);
    } else {
      await sql
        .raw(
          `create function refuse() returns trigger language plpgsql as $$ begin raise exception 'refused by the archive rules'; end $$;
           create trigger refuse before insert on articles for each row when (${when.replaceAll("new.", "NEW.")}) execute function refuse()`,
        )
        .execute(db);
    }
  };
  const allow = async () => {
    const db = get().handle.db;
    await sql`drop trigger if exists refuse${sql.raw(get().dialect === "postgres" ? " on articles" : "")}`.execute(db);
    if (get().dialect === "postgres") await sql`drop function if exists refuse()`.execute(db);
  };

  it("imports 2,500 short stories in one batch and reports each bad line in a sentence", async () => {
    const file = write(`stories-${get().dialect}.jsonl`, [
      ...Array.from({ length: 2500 }, (_, i) => story(`Tale ${i}`)),
      "{not json",
      story("Bad date", "Text.", { published_at: "2024-02-30T10:00:00Z" }),
      story("Nul", "A \u0000 in the text."),
    ]);
    const result = run(file, "--publish", "--undated-at", "2026-07-01", "--create-sections", "--batch-size", "5000");
    expect(result.stderr).not.toMatch(STACK);
    expect(result.stdout).not.toMatch(STACK);
    expect(result.stderr).toContain("line 2501 skipped: not valid JSON");
    expect(result.stderr).toMatch(/line 2502 skipped: published_at: .+/);
    expect(result.stderr).toContain("line 2503 skipped: body: contains a NUL character (U+0000)");
    expect(result.stdout.trim().split("\n").at(-1)).toMatch(
      /^Imported 2500 published articles in [\d.]+ s; 3 bad lines skipped; 0 already present\. New sections: news\.$/,
    );
    expect(result.status).toBe(0);
    const listed = await get()
      .handle.db.selectFrom("article_related")
      .select((eb) => eb.fn.count<number>("article_id").distinct().as("n"))
      .executeTakeFirstOrThrow();
    expect(Number(listed.n)).toBe(2500);
  }, 180_000);

  it("skips a line the database refuses, and stops in one sentence when it refuses everything", async () => {
    await refuse("new.headline = 'Refused'");
    try {
      const file = write(`refused-${get().dialect}.jsonl`, [
        story("Accepted one"),
        story("Refused"),
        story("Accepted two"),
      ]);
      const one = run(file, "--batch-size", "10");
      expect(one.stderr).toMatch(/^line 2 skipped: the database refused it: .*refused by the archive rules$/m);
      expect(one.stdout).toMatch(/Imported 2 drafts in [\d.]+ s; 1 bad line skipped/);
      expect(one.status).toBe(0);
    } finally {
      await allow();
    }
    await refuse("true");
    try {
      const file = write(`all-refused-${get().dialect}.jsonl`, [story("First"), story("Second"), story("Third")]);
      const all = run(file);
      expect(all.stderr).not.toMatch(STACK);
      expect(all.stdout).not.toMatch(STACK);
      expect(all.stdout.trim()).toMatch(
        /^The database failed at line 3 \(.*refused by the archive rules\); 0 articles were imported before it\. Run the same command again to go on: what is already imported is skipped\.$/,
      );
      expect(all.status).toBe(1);
    } finally {
      await allow();
    }
    expect(run(path.join(dir, `stories-${get().dialect}.jsonl`), "--batch-size", "0").stdout).toMatch(
      /^--batch-size takes a whole number/,
    );
  }, 180_000);
});
