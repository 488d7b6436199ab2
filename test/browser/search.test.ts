import { afterAll, beforeAll, expect, it } from "vitest";
import { DESKTOP, type DemoSite, PHONE, axeViolations, screenshot, startDemoSite } from "../support/browser.js";

// Searching as a reader does: from the masthead box with the keyboard (a plain form: no script), on a
// phone and a wide screen; the results page and the no-results page checked by axe and photographed.

let site: DemoSite;
beforeAll(async () => {
  site = await startDemoSite();
});
afterAll(() => site?.close());

it("searches from the masthead with the keyboard and marks the matches", async () => {
  const context = await site.browser.newContext({ viewport: DESKTOP });
  const page = await context.newPage();
  await page.goto(`${site.baseUrl}/`);
  await page.locator("#masthead-search").focus();
  await page.keyboard.type("council housing");
  await page.keyboard.press("Enter");
  await page.waitForURL(/\/search\?q=council\+housing/);
  const results = page.locator(".search-result");
  expect(await results.count()).toBeGreaterThan(0);
  expect(await page.locator(".search-results mark").count()).toBeGreaterThan(0);
  expect(await page.locator(".search-summary").textContent()).toMatch(/(story|stories) match/);
  expect(await axeViolations(page)).toEqual([]);
  await screenshot(page, "search-desktop");
  await context.close();
});

it("reads well on a 360 px phone, with filters, and suggests sections when nothing matches", async () => {
  const context = await site.browser.newContext({ viewport: PHONE });
  const page = await context.newPage();
  await page.goto(`${site.baseUrl}/search?q=council`);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
  expect(await axeViolations(page)).toEqual([]);
  await screenshot(page, "search-phone");

  await page.locator(".search-more summary").click();
  await page.selectOption("select[name=section]", { index: 1 });
  await page.locator("#search-q").fill("zebra quagga");
  await page.locator("#search-q").press("Enter");
  await page.waitForURL(/q=zebra\+quagga/);
  expect(await page.locator(".search-summary").textContent()).toContain("No stories match");
  expect(await page.locator(".search-empty a").count()).toBeGreaterThan(2);
  expect(await axeViolations(page)).toEqual([]);
  await screenshot(page, "search-empty-phone");
  await context.close();
});
