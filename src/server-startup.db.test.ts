import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { POSTGRES_URL } from "../test/support/databases.js";
import { freePort } from "../test/support/ports.js";
import { type Exited, runProcess } from "../test/support/server-run.js";

// The server started with one bad setting at a time: it says which, in one line on stderr, with what
// to do, and exits non-zero, having touched nothing.

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "london-daily-startup-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function freshDataDir(): string {
  return fs.mkdtempSync(path.join(tmp, "data-"));
}

function serve(env: Record<string, string>): Promise<Exited> {
  return runProcess(["src/server.ts"], { PORT: "0", SEED_DEMO: "false", DATA_DIR: freshDataDir(), ...env });
}

function expectOneLine(result: Exited, ...patterns: RegExp[]): string {
  const lines = result.stderr.trim().split("\n");
  const shown = `stderr:\n${result.stderr}\nstdout:\n${result.stdout}`;
  expect(result.code, shown).not.toBe(0);
  expect(result.code, shown).not.toBeNull();
  expect(lines, shown).toHaveLength(1);
  for (const pattern of patterns) expect(lines[0], shown).toMatch(pattern);
  expect(result.stderr, "no password in the message").not.toMatch(/s3cret/);
  return lines[0]!;
}

describe("server start-up with a bad setting", { timeout: 60_000 }, () => {
  it("DATABASE_URL that is not a postgres:// URL", async () => {
    expectOneLine(
      await serve({ DATABASE_URL: "mysql://root:s3cret@localhost/news" }),
      /^DATABASE_URL/,
      /postgres:\/\//,
    );
  });

  it("a database that refuses connections", async () => {
    const port = await freePort();
    const line = expectOneLine(
      await serve({ DATABASE_URL: `postgres://postgres:s3cret@127.0.0.1:${port}/test` }),
      /DATABASE_URL/,
      new RegExp(`127\\.0\\.0\\.1:${port}`),
      /refused/,
    );
    expect(line).toMatch(/start PostgreSQL|check DATABASE_URL/);
  });

  it("a database that does not exist on the server", async () => {
    const url = new URL(POSTGRES_URL);
    url.pathname = "/no_such_database_here";
    expectOneLine(
      await serve({ DATABASE_URL: url.toString() }),
      /DATABASE_URL/,
      /no_such_database_here/,
      /does not exist/,
    );
  });

  it("SMTP_URL that is not an smtp:// URL", async () => {
    expectOneLine(await serve({ SMTP_URL: "mail.example.com:25" }), /^SMTP_URL/, /smtp:\/\//);
  });

  it("TZ_NEWSROOM that is not a time zone", async () => {
    expectOneLine(await serve({ TZ_NEWSROOM: "Europe/Londn" }), /^TZ_NEWSROOM/, /Europe\/London/);
  });

  it("DATA_DIR that cannot be written, named", async () => {
    const file = path.join(tmp, "a-file");
    fs.writeFileSync(file, "");
    const dataDir = path.join(file, "data");
    expectOneLine(await serve({ DATA_DIR: dataDir }), /^DATA_DIR/, new RegExp(dataDir.replace(/[/.]/g, "\\$&")));
  });

  it("a port in use, found before migrating or seeding", async () => {
    const taken = net.createServer();
    await new Promise<void>((resolve) => taken.listen(0, "127.0.0.1", resolve));
    const { port } = taken.address() as net.AddressInfo;
    const dataDir = freshDataDir();
    try {
      const result = await runProcess(["src/server.ts"], { PORT: String(port), SEED_DEMO: "true", DATA_DIR: dataDir });
      expectOneLine(result, /^PORT/, new RegExp(`127\\.0\\.0\\.1:${port}`), /in use/);
    } finally {
      taken.close();
    }
    expect(fs.readdirSync(dataDir), "nothing created in DATA_DIR").toEqual([]);
  });
});
