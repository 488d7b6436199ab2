import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachDatabase } from "../../test/support/databases.js";
import { buildArticle, buildSection } from "../../test/support/factories.js";
import { type MailInbox, startMailInbox } from "../../test/support/mail-inbox.js";
import { subscribeTo } from "../../test/support/newsletter-fixtures.js";
import { loadRecordedSiteUrl } from "../platform/site-url.js";

// Every process on one database puts the same address in its emails' links: the server records its
// SITE_URL at start, and `london-daily newsletter send` (a separate process, often run from a shell
// without the site's environment) takes that one, or refuses when its own SITE_URL says otherwise.
// Real processes, on the real clock throughout.

const ROOT = path.resolve(".");
const BIN = path.join(ROOT, "bin/london-daily.js");
const SITE = "https://news.example";

describeEachDatabase("the site's address across processes", (get) => {
  let inbox: MailInbox;
  const env = (extra: Record<string, string>) => {
    const base: NodeJS.ProcessEnv = { ...process.env, ...get().env, SEED_DEMO: "false", LOG_LEVEL: "silent", CI: "" };
    delete base.SITE_URL;
    delete base.MAIL_FROM;
    return { ...base, ...extra };
  };
  // Not spawnSync: the SMTP server the command sends to runs in this process and must keep answering.
  const send = (extra: Record<string, string> = {}) =>
    new Promise<{ status: number | null; stdout: string }>((resolve) => {
      const child = spawn(process.execPath, [BIN, "newsletter", "send", "morning-headlines", "--now"], {
        cwd: ROOT,
        env: env({ SMTP_URL: inbox.url, ...extra }),
        stdio: ["ignore", "pipe", "pipe"],
        timeout: 50_000,
      });
      let stdout = "";
      child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
      child.on("exit", (status) => resolve({ status, stdout }));
    });

  beforeAll(async () => {
    inbox = await startMailInbox();
    const db = get().handle.db;
    const section = await buildSection(db);
    await buildArticle(db, {
      sectionId: section.id,
      headline: "Ferries run late into the night",
      publishedAt: new Date(Date.now() - 3600_000),
    });
    await subscribeTo(db, "reader@example.org", "morning-headlines");
  });
  afterAll(async () => {
    await inbox?.close();
  });

  it("refuses to send when neither the site nor the command knows the address", async () => {
    const run = await send();
    expect(run.status, run.stdout).toBe(1);
    expect(run.stdout).toContain("No site address to put in the emails' links");
    expect(inbox.messages).toHaveLength(0);
  });

  it("records the server's SITE_URL when it starts", async () => {
    const server = spawn(process.execPath, ["--import", "tsx", "src/server.ts"], {
      cwd: ROOT,
      env: env({ SITE_URL: SITE, PORT: "0", LOG_LEVEL: "info" }),
      stdio: ["ignore", "pipe", "pipe"],
    });
    try {
      await listening(server);
      expect(await loadRecordedSiteUrl(get().handle.db)).toBe(SITE);
    } finally {
      server.kill("SIGTERM");
      await new Promise((resolve) => server.once("exit", resolve));
    }
  }, 60_000);

  it("sends with the site's address when the command has no SITE_URL", async () => {
    const run = await send();
    expect(run.status, run.stdout).toBe(0);
    const [mail] = await inbox.waitFor(1);
    expect(mail!.text).toContain(`${SITE}/newsletters/unsubscribe?`);
    expect(mail!.text).not.toContain("localhost");
    expect(mail!.from?.value[0]?.address).toBe("newsletters@news.example");
  }, 60_000);

  it("refuses when the command's SITE_URL is not the site's, naming both", async () => {
    inbox.messages.length = 0;
    await get().handle.db.deleteFrom("deliveries").execute();
    await get().handle.db.deleteFrom("jobs").execute();
    const run = await send({ SITE_URL: "http://localhost:3000" });
    expect(run.status).toBe(1);
    expect(run.stdout).toContain(`SITE_URL here is http://localhost:3000, but the site runs at ${SITE}`);
    await new Promise((r) => setTimeout(r, 300));
    expect(inbox.messages).toHaveLength(0);
    // The same address, written another way, is the same address.
    expect((await send({ SITE_URL: `${SITE}/` })).status).toBe(0);
  }, 60_000);
});

function listening(server: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = "";
    const timer = setTimeout(() => reject(new Error(`the server did not start: ${output}`)), 50_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes(" is at ")) {
        clearTimeout(timer);
        resolve();
      }
    };
    server.stdout!.on("data", read);
    server.stderr!.on("data", read);
    server.once("exit", (code) => reject(new Error(`the server exited (${code}): ${output}`)));
  });
}
