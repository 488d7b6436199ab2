import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DESKTOP, type DemoSite, PHONE, axeViolations, screenshot, startDemoSite } from "../support/browser.js";
import { signedIn } from "../support/newsroom-session.js";

// A live blog in Debian's Chromium: two readers on the demo's Storm Ida live blog, one at the top
// and one scrolled down, while a journalist posts, edits and deletes in the newsroom desk. The
// reader at the top sees the entry appear in place; the one further down is not moved, gets a
// "1 new update" button and the count in the tab's title. No page reloads. axe-clean, photographed.

const LIVE = "/uk/storm-ida-live";
let site: DemoSite;
let articleId = 0;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  site = await startDemoSite();
  articleId = (
    await site.db.selectFrom("articles").select("id").where("slug", "=", "storm-ida-live").executeTakeFirstOrThrow()
  ).id;
});
afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await site?.close();
});

async function open(
  browser: Browser,
  path: string,
  options: { viewport?: { width: number; height: number }; dark?: boolean; javaScript?: boolean } = {},
): Promise<Page> {
  const context = await browser.newContext({
    viewport: options.viewport ?? DESKTOP,
    colorScheme: options.dark ? "dark" : "light",
    javaScriptEnabled: options.javaScript ?? true,
    reducedMotion: "reduce",
  });
  contexts.push(context);
  const page = await context.newPage();
  const res = await page.goto(`${site.baseUrl}${path}`, { waitUntil: "load" });
  expect(res?.status(), path).toBe(200);
  return page;
}

const firstEntryText = (page: Page) => page.locator("#live-entries > li").first().innerText();

describe("a live blog open in two readers' browsers", () => {
  it("lands a journalist's entry in place at the top, behind a button further down, then its edit and delete", async () => {
    const top = await open(site.browser, LIVE, { viewport: { width: 1280, height: 900 } });
    const down = await open(site.browser, LIVE, { viewport: PHONE });
    for (const page of [top, down]) {
      await page.locator('.live-updates[data-live="stream"]').waitFor({ state: "attached" });
      await page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));
    }
    await down.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    const scrolled = await down.evaluate(() => window.scrollY);
    expect(scrolled).toBeGreaterThan(1000);
    const title = await down.title();

    const editor = await signedIn(site.db, "editor");
    const newsroom = await site.browser.newContext({ viewport: DESKTOP });
    contexts.push(newsroom);
    await newsroom.addCookies([{ name: "ld_session", value: editor.cookie.split("=")[1]!, url: site.baseUrl }]);
    const desk = await newsroom.newPage();
    desk.on("dialog", (d) => void d.accept());
    await desk.goto(`${site.baseUrl}/newsroom/articles/${articleId}/live`);
    await desk.getByLabel("Title (optional)").fill("Sea wall breached at Selsey");
    await desk.getByLabel("Entry text").click();
    await desk.keyboard.type("Water is running into the lower town; the fire service is evacuating two streets.");
    await desk.keyboard.press("Control+Enter");
    await desk.getByRole("status").filter({ hasText: "Posted" }).waitFor();

    // At the top: in place, first in the list.
    await expect.poll(() => firstEntryText(top), { timeout: 5000 }).toContain("Sea wall breached at Selsey");
    // Scrolled down: nothing moved; a button and the tab's title say so.
    const button = down.getByRole("button", { name: "1 new update" });
    await button.waitFor();
    expect(await firstEntryText(down)).not.toContain("Sea wall breached");
    expect(await down.evaluate(() => window.scrollY)).toBe(scrolled);
    await expect.poll(() => down.title()).toBe(`(1) ${title}`);
    await screenshot(down, "live-new-updates-phone");
    await button.click();
    expect(await firstEntryText(down)).toContain("Sea wall breached at Selsey");
    await expect.poll(() => down.title()).toBe(title);
    await expect.poll(() => down.evaluate(() => document.activeElement?.className ?? "")).toContain("live-entry");

    // The journalist corrects it: both readers see the new text where it is, marked updated.
    await desk
      .locator(".live-desk-entry")
      .filter({ hasText: "Sea wall breached" })
      .getByRole("button", { name: "Edit" })
      .click();
    await desk.getByLabel("Entry text").click();
    await desk.keyboard.press("End");
    await desk.keyboard.type(" Three streets, not two.");
    await desk.keyboard.press("Control+Enter");
    for (const page of [top, down]) {
      await expect.poll(() => firstEntryText(page), { timeout: 5000 }).toContain("Three streets, not two.");
      // "Updated 01:05", or "Updated 8 Dec 2026, 01:05" once the live blog runs past the midnight after it began.
      expect(await firstEntryText(page)).toMatch(/Updated (\d{1,2} [A-Z][a-z]{2} \d{4}, )?\d\d:\d\d/);
    }
    // And deletes it: it goes from both pages.
    await desk
      .locator(".live-desk-entry")
      .filter({ hasText: "Sea wall breached" })
      .getByRole("button", { name: "Delete" })
      .click();
    for (const page of [top, down]) {
      await expect.poll(() => page.locator("#live-entries").innerText(), { timeout: 5000 }).not.toContain("Sea wall");
      expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
    }
    expect(await axeViolations(top)).toEqual([]);
    expect(await axeViolations(desk)).toEqual([]);
    await screenshot(desk, "live-desk");
  });

  it("keeps the key events block current as entries are marked and unmarked", async () => {
    const page = await open(site.browser, LIVE, { viewport: { width: 1280, height: 900 } });
    await page.locator('.live-updates[data-live="stream"]').waitFor({ state: "attached" });
    const editor = await signedIn(site.db, "editor");
    const call = (method: string, url: string, payload?: object) =>
      fetch(`${site.baseUrl}/api/newsroom/articles/${articleId}${url}`, {
        method,
        headers: payload ? { ...editor.headers, "content-type": "application/json" } : editor.headers,
        ...(payload ? { body: JSON.stringify(payload) } : {}),
      });
    const keyEvents = () => page.locator("#live-key-events li").allInnerTexts();
    const before = await keyEvents();
    const posted = await call("POST", "/live-entries", {
      title: "Rail services suspended",
      body: { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "No trains south." }] }] },
    });
    expect(posted.status).toBe(201);
    const entry = (await posted.json()) as { id: number };
    await expect.poll(() => firstEntryText(page), { timeout: 5000 }).toContain("Rail services suspended");
    expect(await keyEvents()).toEqual(before);

    expect((await call("PUT", `/live-entries/${entry.id}`, { keyEvent: true })).status).toBe(200);
    // Newest first: the new key event heads the block, linking to the entry on this page.
    await expect.poll(async () => (await keyEvents())[0] ?? "", { timeout: 5000 }).toContain("Rail services suspended");
    expect(await page.locator("#live-key-events li a").first().getAttribute("href")).toBe(`#entry-${entry.id}`);
    expect(await keyEvents()).toHaveLength(before.length + 1);

    expect((await call("PUT", `/live-entries/${entry.id}`, { keyEvent: false })).status).toBe(200);
    await expect.poll(keyEvents, { timeout: 5000 }).toEqual(before);
    expect((await call("DELETE", `/live-entries/${entry.id}`)).status).toBe(204);
  });

  it("reads as a plain paged live blog without JavaScript", async () => {
    const page = await open(site.browser, LIVE, { javaScript: false });
    expect(await page.locator("#live-entries > li").count()).toBeGreaterThanOrEqual(15);
    expect(await page.locator(".live-badge").isVisible()).toBe(true);
    expect(await page.getByRole("heading", { name: "Key events" }).isVisible()).toBe(true);
    expect(await page.locator("#live-pinned .live-entry").innerText()).toContain("What we know so far");
  });

  for (const [name, viewport] of [
    ["phone", PHONE],
    ["desktop", { width: 1280, height: 900 }],
  ] as const) {
    for (const dark of [false, true]) {
      it(`is axe-clean and photographed at ${viewport.width} px, ${dark ? "dark" : "light"}`, async () => {
        const page = await open(site.browser, LIVE, { viewport, dark });
        await page.locator('.live-updates[data-live="stream"]').waitFor({ state: "attached" });
        expect(await axeViolations(page)).toEqual([]);
        await screenshot(page, `live-${name}-${dark ? "dark" : "light"}`);
      });
    }
  }
});
