import fs from "node:fs";
import { freePort } from "./ports.js";
import os from "node:os";
import path from "node:path";
import { createRequire } from "node:module";
import type { FastifyInstance } from "fastify";
import { type Browser, type Page, chromium } from "playwright-core";
import { buildApp } from "../../src/app.js";
import type { Db } from "../../src/database.js";
import { createJobRunner } from "../../src/jobs.js";
import { createMailer } from "../../src/platform/mail/mailer.js";
import { prepareDatabase } from "../../src/bootstrap.js";
import { openDatabase } from "../../src/database.js";
import { testConfig } from "./databases.js";

export const SCREENSHOT_DIR = path.resolve("test-results/screenshots");
export const PHONE = { width: 360, height: 780 };
export const DESKTOP = { width: 1366, height: 900 };

export interface DemoSite {
  app: FastifyInstance;
  baseUrl: string;
  browser: Browser;
  db: Db;
  close(): Promise<void>;
}

export interface DemoSiteOptions {
  /** Send the site's mail through this SMTP server (e.g. `startMailInbox().url`) instead of the file outbox. */
  smtpUrl?: string;
  /**
   * Listen on a free port chosen beforehand and make it the configured SITE_URL, so the links the
   * site writes into its emails lead back to this running site.
   */
  siteUrlIsAddress?: boolean;
  /** Run the background jobs (video processing and the rest; no schedules), as the server does. */
  jobs?: boolean;
  /** More environment for the site's configuration (e.g. WIRE_ALLOWED_HOSTS). */
  env?: Record<string, string>;
}

/** The real app on the demo newsroom (SQLite in a temporary folder), and Debian's Chromium. */
export async function startDemoSite(options: DemoSiteOptions = {}): Promise<DemoSite> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "london-daily-browser-"));
  const port = options.siteUrlIsAddress ? await freePort() : 0;
  const base = testConfig({
    SEED_DEMO: "true",
    ...(options.smtpUrl ? { SMTP_URL: options.smtpUrl } : {}),
    ...(port ? { SITE_URL: `http://127.0.0.1:${port}` } : {}),
    ...options.env,
  });
  const handle = openDatabase({ ...base, dataDir: dir });
  // Media goes to the shared test data folder so the seeded images are made once.
  await prepareDatabase(handle, base);
  const app = await buildApp({ config: base, db: handle.db, logger: false });
  await app.listen({ port, host: "127.0.0.1" });
  const address = app.server.address();
  if (!address || typeof address === "string") throw new Error("no address");
  const runner = options.jobs
    ? await createJobRunner({
        db: handle.db,
        config: base,
        mailer: createMailer(base),
        now: () => new Date(),
        schedules: false,
        pollMs: 200,
      })
    : undefined;
  runner?.start();
  const browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  return {
    app,
    browser,
    baseUrl: `http://127.0.0.1:${address.port}`,
    db: handle.db,
    close: async () => {
      await runner?.stop();
      await browser.close();
      await app.close();
      await handle.destroy();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

const require = createRequire(import.meta.url);
const axeSource = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

/** Runs axe-core in the page against WCAG 2.x A/AA (2.2 included) and returns its violations. */
export async function axeViolations(page: Page) {
  // Evaluated through the DevTools protocol: the site's CSP rightly refuses inline <script>.
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: any[] }> } })
      .axe;
    const result = await axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"] },
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes
        .slice(0, 3)
        .map((n: { target: string[]; failureSummary: string }) => ({ target: n.target, summary: n.failureSummary })),
    }));
  });
}

export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}
