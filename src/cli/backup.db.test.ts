import { type ChildProcess, execFile, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import SQLite from "better-sqlite3";
import { afterAll, describe, expect, it, vi } from "vitest";
import { POSTGRES_URL } from "../../test/support/databases.js";
import { type ServerProcess, startServerProcess } from "../../test/support/server-process.js";

// `london-daily backup` on a running site under write load, then `london-daily restore` into a
// new DATA_DIR: every write acknowledged before the backup began is in the restored database,
// the media come back byte for byte, and the restored site opens. Everything is a real process:
// the server, a writer committing rows as fast as it can, and the CLI.

const run = promisify(execFile);
const root = fs.mkdtempSync(path.join(os.tmpdir(), "london-daily-backup-test-"));
const servers: ServerProcess[] = [];
const writers: ChildProcess[] = [];
afterAll(async () => {
  for (const w of writers) w.kill("SIGKILL");
  for (const s of servers) await s.cleanUp();
  fs.rmSync(root, { recursive: true, force: true });
});

function cli(args: string[], env: Record<string, string>) {
  return run(process.execPath, ["bin/london-daily.js", ...args], {
    env: { ...process.env, LOG_LEVEL: "warn", ...env },
    timeout: 100_000,
  }).then(
    (r) => ({ code: 0, output: r.stdout + r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, output: e.stdout + e.stderr }),
  );
}

const MEDIA = {
  "media/images/2026/harbour.jpg": randomBytes(300_000),
  "media/videos/7/clip.mp4": randomBytes(2_000_000),
  "media/videos/7/captions/en.vtt": Buffer.from("WEBVTT\n\n00:00.000 --> 00:01.000\nHello\n"),
};

function writeMedia(dataDir: string) {
  for (const [file, bytes] of Object.entries(MEDIA)) {
    fs.mkdirSync(path.dirname(path.join(dataDir, file)), { recursive: true });
    fs.writeFileSync(path.join(dataDir, file), bytes);
  }
}

/** A process committing one settings row after another, printing each number once committed. */
function startWriter(dataDir: string): { child: ChildProcess; acknowledged: () => number } {
  const script = `
    import Database from "better-sqlite3";
    const db = new Database(${JSON.stringify(path.join(dataDir, "london-daily.sqlite"))});
    db.pragma("busy_timeout = 5000");
    const insert = db.prepare("insert into settings (key, value) values (?, ?)");
    let n = 0;
    for (;;) {
      n += 1;
      insert.run("load-" + n, "x".repeat(200));
      process.stdout.write(n + "\\n");
      if (n % 50 === 0) await new Promise((r) => setImmediate(r));
    }`;
  const child = spawn(process.execPath, ["--input-type=module", "-e", script], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  writers.push(child);
  let last = 0;
  let buffered = "";
  child.stdout!.on("data", (d: Buffer) => {
    buffered += d.toString();
    const lines = buffered.split("\n");
    buffered = lines.pop()!;
    if (lines.length) last = Number(lines[lines.length - 1]);
  });
  return { child, acknowledged: () => last };
}

// Each CLI run starts Node with tsx: seconds on a busy machine.
vi.setConfig({ testTimeout: 120_000 });

describe("backup and restore", () => {
  it(
    "on SQLite: backs up a site being written to, and restores every acknowledged write",
    { timeout: 240_000 },
    async () => {
      const dataDir = path.join(root, "site");
      fs.mkdirSync(dataDir);
      writeMedia(dataDir);
      const site = await startServerProcess({ dataDir });
      servers.push(site);

      const writer = startWriter(dataDir);
      while (writer.acknowledged() < 2_000) await new Promise((r) => setTimeout(r, 20));
      const acknowledgedBefore = writer.acknowledged();
      const archive = path.join(root, "site.tar.gz");
      const backup = await cli(["backup", archive], { DATA_DIR: dataDir });
      const acknowledgedAfter = writer.acknowledged();
      writer.child.kill("SIGKILL");
      expect(backup.output).toMatch(/Backed up the database and 3 media files/);
      expect(backup.code).toBe(0);
      expect(acknowledgedAfter, "writes went on during the backup").toBeGreaterThan(acknowledgedBefore);

      // A copied file would hold a few KB and miss what is in the WAL; the backup has it all.
      const restoredDir = path.join(root, "restored");
      const restore = await cli(["restore", archive], { DATA_DIR: restoredDir });
      expect(restore.output).toMatch(/Restored the database and 3 media files/);
      expect(restore.code).toBe(0);
      const db = new SQLite(path.join(restoredDir, "london-daily.sqlite"), { readonly: true });
      const keys = new Set(
        (db.prepare("select key from settings where key like 'load-%'").all() as { key: string }[]).map((r) => r.key),
      );
      expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
      db.close();
      const missing = Array.from({ length: acknowledgedBefore }, (_, i) => `load-${i + 1}`).filter((k) => !keys.has(k));
      expect(missing).toEqual([]);
      for (const [file, bytes] of Object.entries(MEDIA)) {
        expect(fs.readFileSync(path.join(restoredDir, file)).equals(bytes), file).toBe(true);
      }
      expect(fs.existsSync(path.join(restoredDir, "outbox"))).toBe(false);

      await site.cleanUp();
      const restored = await startServerProcess({ dataDir: restoredDir });
      servers.push(restored);
      const home = await fetch(`http://127.0.0.1:${restored.port}/`);
      expect(home.status).toBe(200);
      const image = await fetch(`http://127.0.0.1:${restored.port}/media/images/2026/harbour.jpg`);
      expect(image.status).toBe(200);
      expect(Buffer.from(await image.arrayBuffer()).equals(MEDIA["media/images/2026/harbour.jpg"])).toBe(true);
    },
  );

  it("refuses to restore into a DATA_DIR that holds anything, and changes nothing there", async () => {
    const archive = path.join(root, "site.tar.gz");
    const busy = path.join(root, "busy");
    fs.mkdirSync(busy);
    fs.writeFileSync(path.join(busy, "london-daily.sqlite"), "existing");
    const restore = await cli(["restore", archive], { DATA_DIR: busy });
    expect(restore.code).toBe(1);
    expect(restore.output).toMatch(/is not empty: restore only into an empty or new DATA_DIR/);
    expect(fs.readdirSync(busy)).toEqual(["london-daily.sqlite"]);
    expect(fs.readFileSync(path.join(busy, "london-daily.sqlite"), "utf8")).toBe("existing");
  });

  it("says what is wrong with a file that is not a backup, in one sentence", async () => {
    const bogus = path.join(root, "notes.tar.gz");
    fs.writeFileSync(bogus, "these are notes\n");
    const restore = await cli(["restore", bogus], { DATA_DIR: path.join(root, "never") });
    expect(restore.code).toBe(1);
    expect(restore.output).toMatch(/^Restore failed: not a London Daily backup, or a damaged one/);
    expect(restore.output).not.toMatch(/\n\s+at /);
    expect(fs.existsSync(path.join(root, "never"))).toBe(false);
  });

  it("on PostgreSQL: names pg_dump and backs up and restores the media", async () => {
    const dataDir = path.join(root, "pg-site");
    writeMedia(dataDir);
    const archive = path.join(root, "pg.tar.gz");
    const backup = await cli(["backup", archive], { DATA_DIR: dataDir, DATABASE_URL: POSTGRES_URL });
    expect(backup.code).toBe(0);
    expect(backup.output).toMatch(/PostgreSQL: back it up with pg_dump/);
    expect(backup.output).toMatch(/Backed up 3 media files/);
    const restoredDir = path.join(root, "pg-restored");
    const restore = await cli(["restore", archive], { DATA_DIR: restoredDir, DATABASE_URL: POSTGRES_URL });
    expect(restore.code).toBe(0);
    expect(restore.output).toMatch(/pg_restore/);
    expect(fs.existsSync(path.join(restoredDir, "london-daily.sqlite"))).toBe(false);
    for (const [file, bytes] of Object.entries(MEDIA)) {
      expect(fs.readFileSync(path.join(restoredDir, file)).equals(bytes), file).toBe(true);
    }
  });
});
