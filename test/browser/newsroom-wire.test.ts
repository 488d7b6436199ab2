import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { twoTone } from "../../src/media/media-test-files.js";
import { pollProvider } from "../../src/wire/wire-poll.js";
import { type DemoSite, PHONE, axeViolations, screenshot, startDemoSite } from "../support/browser.js";
import { signedIn } from "../support/newsroom-session.js";

// The wire in Chromium: an admin adds a partner's Atom feed and a NewsML-G2 agency feed (served
// by a local stand-in for their hosts), polls them; an editor opens the queue, filters it, opens
// an item, uses it, and publishes the story; the killed and embargoed items say so. A new version
// shows what changed, a used item's picture becomes the draft's hero image, and a draft's notice
// of a newer version opens what changed since. Checked by axe, photographed at 1280 and 360 px.

const WIDE = { width: 1280, height: 900 };
const fixtures = path.resolve("src/wire/fixtures");

let site: DemoSite;
const contexts: BrowserContext[] = [];
/** What the agency's NewsML-G2 feed says now; its pictures come from the local server. */
let g2 = "";
let photo: Buffer = Buffer.alloc(0);
const agency = http.createServer((req, res) => {
  if (req.url === "/g2") return res.writeHead(200, { "content-type": "application/xml" }).end(g2);
  if (req.url === "/photos/market.jpg") return res.writeHead(200, { "content-type": "image/jpeg" }).end(photo);
  const file = { "/atom": "partner.atom.xml" }[req.url ?? ""];
  if (!file) return res.writeHead(404).end();
  res.writeHead(200, { "content-type": "application/xml" }).end(fs.readFileSync(path.join(fixtures, file)));
});

describe("the newsroom's wire", () => {
  beforeAll(async () => {
    await new Promise<void>((resolve) => agency.listen(0, "127.0.0.1", resolve));
    const base = `http://127.0.0.1:${(agency.address() as AddressInfo).port}`;
    g2 = fs
      .readFileSync(path.join(fixtures, "message.newsml.xml"), "utf8")
      .replace("https://wire.example/photos/", `${base}/photos/`);
    photo = await twoTone(1600, 900).jpeg().toBuffer();
    // The stand-in agency is on a loopback address, which wire pictures may reach only when allowed.
    site = await startDemoSite({ env: { WIRE_ALLOWED_HOSTS: "127.0.0.1" } });
  });
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await site?.close();
    agency.closeAllConnections();
    await new Promise((resolve) => agency.close(resolve));
  });

  async function as(role: "admin" | "editor"): Promise<Page> {
    const session = await signedIn(site.db, role);
    const context = await site.browser.newContext({ viewport: WIDE, reducedMotion: "reduce" });
    contexts.push(context);
    await context.addCookies([{ name: "ld_session", value: session.cookie.split("=")[1]!, url: site.baseUrl }]);
    const page = await context.newPage();
    page.on("pageerror", (err) => {
      throw err;
    });
    page.on("dialog", (dialog) => void dialog.accept());
    return page;
  }

  async function expectAxeClean(page: Page, what: string) {
    const violations = await axeViolations(page);
    expect(violations, `${what}: ${JSON.stringify(violations, null, 1)}`).toEqual([]);
  }

  async function photograph(page: Page, name: string) {
    await screenshot(page, `newsroom-${name}-1280`);
    await page.setViewportSize(PHONE);
    await screenshot(page, `newsroom-${name}-360`);
    await page.setViewportSize(WIDE);
  }

  it("lets an admin add providers and poll them, with the result in words", async () => {
    const page = await as("admin");
    const base = `http://127.0.0.1:${(agency.address() as AddressInfo).port}`;
    await page.goto(`${site.baseUrl}/newsroom`);
    await page.getByRole("link", { name: "Wire", exact: true }).click();
    await page.getByRole("heading", { name: "Wire", level: 1 }).waitFor();
    await page.getByRole("link", { name: "Providers" }).click();
    await page.getByRole("heading", { name: "Wire providers" }).waitFor();
    for (const [name, route, format] of [
      ["Riverside Gazette", "/atom", "atom"],
      ["Thames Press Agency", "/g2", "newsml-g2"],
    ] as const) {
      await page.getByLabel("Name").fill(name);
      await page.getByLabel("Address (URL)").fill(`${base}${route}`);
      await page.getByLabel("Format").selectOption(format);
      await page.getByRole("button", { name: "Add provider" }).click();
      await page
        .getByRole("status")
        .filter({ hasText: `${name} added` })
        .waitFor();
      const row = page.getByRole("row").filter({ hasText: name });
      await row.getByRole("button", { name: "Poll now" }).click();
      await page
        .getByRole("status")
        .filter({ hasText: `${name}:` })
        .waitFor();
    }
    await page.getByRole("status").filter({ hasText: "Thames Press Agency: 2 new" }).waitFor();
    await expectAxeClean(page, "wire providers");
    await photograph(page, "wire-providers");
  });

  it("lets an editor find an item, use it and publish the story; kills and embargoes are plain", async () => {
    const page = await as("editor");
    await page.goto(`${site.baseUrl}/newsroom/wire`);
    await page.getByRole("heading", { name: "Wire", level: 1 }).waitFor();
    await page.getByRole("link", { name: "Fire closes covered market" }).waitFor();
    const killed = page.getByRole("row").filter({ hasText: "KILL: zoo story" });
    await killed.getByText("Killed").waitFor();
    await page.getByRole("row").filter({ hasText: "Fire closes covered market" }).getByText("Embargoed").waitFor();
    await expectAxeClean(page, "wire queue");
    await photograph(page, "wire-queue");

    await page.getByLabel("Words").fill("library thursdays");
    await page.getByRole("button", { name: "Filter" }).click();
    await expect.poll(() => page.locator(".wire-list tbody tr").count()).toBe(1);
    await page.getByRole("link", { name: "Library opens late on Thursdays" }).click();
    const heading = page.getByRole("heading", { name: "Library opens late on Thursdays", level: 2 });
    await heading.waitFor();
    await expect.poll(() => heading.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.getByText("Readers asked for it in a survey.").waitFor();
    await expectAxeClean(page, "wire item");
    await photograph(page, "wire-item");

    await page.getByRole("button", { name: "Use this" }).click();
    await page.getByRole("textbox", { name: "Article body" }).waitFor();
    await page.getByText("Made from wire copy:").waitFor();
    await page.getByRole("button", { name: "Publish now" }).click();
    await expect.poll(() => page.locator(".view-head .status").textContent(), { timeout: 10_000 }).toBe("Published");
    const url = (await page.getByRole("link", { name: "View on the site" }).getAttribute("href")) ?? "";
    const reader = await (await site.browser.newContext()).newPage();
    await reader.goto(`${site.baseUrl}${url}`);
    await expect(reader.locator("h1").textContent()).resolves.toBe("Library opens late on Thursdays");
    expect(await reader.getByText("Riverside Gazette").count()).toBeGreaterThan(0);
    await reader.context().close();

    // The item now lists the story made from it.
    await page.goto(`${site.baseUrl}/newsroom/wire`);
    await page.getByRole("link", { name: "Library opens late on Thursdays" }).click();
    await page.getByRole("heading", { name: "Drafts made from it" }).waitFor();
    await page.getByText("(published, from version 1)").waitFor();

    // A killed item cannot be used.
    await page.getByRole("link", { name: "KILL: zoo story" }).click();
    await page.getByText("Killed by the agency").waitFor();
    expect(await page.getByRole("button", { name: "Use this" }).isDisabled()).toBe(true);
  });

  async function pollAgency() {
    const provider = await site.db
      .selectFrom("wire_providers")
      .select("id")
      .where("name", "=", "Thames Press Agency")
      .executeTakeFirstOrThrow();
    return pollProvider(
      { db: site.db, now: () => new Date(), http: { allowedHosts: new Set(["127.0.0.1"]) } },
      provider.id,
      { force: true },
    );
  }

  it("shows what a new version changed, makes the picture the hero image, and leads a draft to what changed since", async () => {
    g2 = g2
      .replace('market-fire" version="2"', 'market-fire" version="3"')
      .replace(
        "<headline>Fire closes covered market</headline>",
        "<headline>Fire closes covered market for a week</headline>",
      )
      .replace("nobody was hurt.</p>", "nobody was hurt. Two stalls were destroyed.</p>");
    expect(await pollAgency()).toMatchObject({ updated: 1 });
    const page = await as("editor");
    await page.goto(`${site.baseUrl}/newsroom/wire`);
    await page.getByRole("link", { name: "Fire closes covered market for a week" }).click();
    const changes = page.getByRole("region", { name: "What changed in version 3" });
    await changes.locator("ins").filter({ hasText: "Two stalls were destroyed." }).waitFor();
    await changes.locator("ins").filter({ hasText: "for a week" }).waitFor();
    expect(await changes.getByLabel("Since").inputValue()).toBe("2");
    await page.getByRole("heading", { name: "Pictures offered (1)" }).waitFor();
    await expectAxeClean(page, "wire item with changes");
    await photograph(page, "wire-changes");

    await page.getByRole("button", { name: "Use this" }).click();
    await page.getByRole("textbox", { name: "Article body" }).waitFor();
    const articleId = Number(/\/articles\/(\d+)/.exec(page.url())?.[1]);
    await page.locator(".media-field img").waitFor();
    expect(await page.locator(".media-field figcaption").first().textContent()).toBe("No alt text yet");
    expect(await page.locator("#editors-notes").inputValue()).toContain(
      "Pictures from the wire: 1 in the media library; the first is the hero image.",
    );

    // Version 4 arrives: the draft's notice says so and opens what changed since version 3.
    g2 = g2
      .replace('market-fire" version="3"', 'market-fire" version="4"')
      .replace("Two stalls were destroyed.", "Three stalls were destroyed.");
    expect(await pollAgency()).toMatchObject({ updated: 1 });
    await page.goto(`${site.baseUrl}/newsroom/articles/${articleId}`);
    await page.getByText("sent version 4 of the item this story was made from (version 3)").waitFor();
    await page.getByRole("link", { name: "See what changed" }).click();
    const since = page.getByRole("region", { name: "What changed in version 4" });
    await since.locator("del").filter({ hasText: "Two" }).waitFor();
    await since.locator("ins").filter({ hasText: "Three" }).waitFor();
    expect(await since.getByLabel("Since").inputValue()).toBe("3");
  });
});
