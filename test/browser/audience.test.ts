import type { BrowserContext, Page, Request } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DemoSite, PHONE, axeViolations, screenshot, startDemoSite } from "../support/browser.js";
import { signedIn } from "../support/newsroom-session.js";

// The audience desk in Chromium on the demo site: the beacon counts a view of a page served from
// the page cache, engaged time stops when the tab is hidden, and the Now screen goes up while a
// second browser reads a story. Axe on each screen; screenshots at 1280 and 360.

// A reader's browser: headless Chromium names itself in its user agent and would be taken for a bot.
const READER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36";
const WIDE = { width: 1280, height: 900 };

let site: DemoSite;
let stories: { id: number; path: string }[];

beforeAll(async () => {
  site = await startDemoSite();
  const rows = await site.db
    .selectFrom("articles as a")
    .innerJoin("sections as s", "s.id", "a.section_id")
    .select(["a.id", "a.slug", "s.slug as section"])
    .where("a.status", "=", "published")
    .orderBy("a.published_at", "desc")
    .limit(3)
    .execute();
  stories = rows.map((r) => ({ id: r.id, path: `/${r.section}/${r.slug}` }));
});
afterAll(() => site?.close());

const sum = async (articleId: number, column: "views" | "engaged_seconds") =>
  Number(
    (
      await site.db
        .selectFrom("audience_days")
        .select((eb) => eb.fn.sum<number>(column).as("n"))
        .where("article_id", "=", articleId)
        .executeTakeFirst()
    )?.n ?? 0,
  );

async function until(check: () => Promise<boolean>, ms: number, what: string) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const beacons = (page: Page) => {
  const sent: { k: string; s?: number; a: number; r: string }[] = [];
  page.on("request", (req: Request) => {
    if (req.url().endsWith("/api/audience/beacon")) sent.push(JSON.parse(req.postData() ?? "{}"));
  });
  return sent;
};

describe("the audience beacon in a browser", () => {
  let reader: BrowserContext;
  afterAll(() => reader?.close());

  it("counts a view of a page served from the cache, and engaged time only while the tab is visible", async () => {
    reader = await site.browser.newContext({ userAgent: READER, viewport: WIDE });
    const page = await reader.newPage();
    const sent = beacons(page);
    const story = stories[0]!;
    const first = await page.goto(`${site.baseUrl}${story.path}`);
    expect(first?.status()).toBe(200);
    const second = await page.goto(`${site.baseUrl}${story.path}`);
    expect(second?.headers()["x-cache"]).toBe("hit");
    await until(async () => sent.filter((b) => b.k === "v").length === 2, 5000, "two view beacons");
    expect(sent.map((b) => [b.a, b.r])).toEqual([
      [story.id, ""],
      [story.id, ""],
    ]);
    // From the front page to the story: our own page, sent as its host alone.
    await page.goto(`${site.baseUrl}/`);
    await page.locator(`a[href="${story.path}"]`).first().click();
    await page.waitForURL(`${site.baseUrl}${story.path}`);
    const opened = Date.now();
    await until(async () => sent.filter((b) => b.k === "v").length === 4, 5000, "the view beacons");
    expect(sent.filter((b) => b.k === "v").map((b) => [b.a, b.r])[3]).toEqual([story.id, "127.0.0.1"]);

    await until(async () => (await sum(story.id, "views")) === 3, 12_000, "three views written");
    const bySource = await site.db
      .selectFrom("audience_days")
      .select(["source", "views"])
      .where("article_id", "=", story.id)
      .orderBy("source")
      .execute();
    expect(bySource.map((r) => [r.source, Number(r.views)])).toEqual([
      ["direct", 2],
      ["internal", 1],
    ]);

    // Active for about four seconds, then the tab is hidden: what was engaged is sent at once.
    for (let i = 0; i < 8; i++) {
      await page.mouse.move(100 + i * 20, 200 + i * 10);
      await page.waitForTimeout(500);
    }
    await page.evaluate(() => {
      Object.defineProperty(document, "visibilityState", { configurable: true, get: () => "hidden" });
      document.dispatchEvent(new Event("visibilitychange"));
    });
    await until(async () => sent.some((b) => b.k === "e"), 3000, "the engaged beacon");
    const engaged = sent.filter((b) => b.k === "e").reduce((a, b) => a + (b.s ?? 0), 0);
    // At least the four seconds of movement; at most those and the 5 s that count after the last input
    // since the page opened (the reader may be reading without touching anything).
    expect(engaged).toBeGreaterThanOrEqual(3);
    expect(engaged).toBeLessThanOrEqual(Math.ceil((Date.now() - opened) / 1000));
    // Hidden, the reader keeps moving the mouse: nothing more is counted.
    for (let i = 0; i < 8; i++) {
      await page.mouse.move(300 + i * 10, 300);
      await page.waitForTimeout(500);
    }
    expect(sent.filter((b) => b.k === "e").reduce((a, b) => a + (b.s ?? 0), 0)).toBe(engaged);
    await until(async () => (await sum(story.id, "engaged_seconds")) === engaged, 12_000, "engaged seconds written");
    // Nothing is stored in the reader's browser.
    expect(await reader.cookies()).toEqual([]);
    expect(await page.evaluate(() => localStorage.length + sessionStorage.length)).toBe(0);
  });
});

describe("the audience screens", () => {
  let newsroom: BrowserContext;
  let second: BrowserContext;
  let page: Page;
  beforeAll(async () => {
    const editor = await signedIn(site.db, "editor");
    newsroom = await site.browser.newContext({ viewport: WIDE, reducedMotion: "reduce" });
    await newsroom.addCookies([{ name: "ld_session", value: editor.cookie.split("=")[1]!, url: site.baseUrl }]);
    page = await newsroom.newPage();
    page.on("pageerror", (err) => {
      throw err;
    });
  });
  afterAll(async () => {
    await second?.close();
    await newsroom?.close();
  });

  async function expectAxeClean(what: string) {
    const violations = await axeViolations(page);
    expect(violations, `${what}: ${JSON.stringify(violations, null, 1)}`).toEqual([]);
  }
  async function photograph(name: string) {
    await screenshot(page, `audience-${name}-1280`);
    await page.setViewportSize(PHONE);
    await screenshot(page, `audience-${name}-360`);
    await page.setViewportSize(WIDE);
  }

  it("Now goes up while a second browser reads a story", async () => {
    await page.goto(`${site.baseUrl}/newsroom`);
    await page.getByRole("link", { name: "Audience" }).click();
    await page.getByRole("heading", { name: "Audience now", level: 1 }).waitFor();
    const readers = () => page.getByTestId("readers-now").textContent().then(Number);
    await page.getByTestId("readers-now").waitFor();
    const before = await readers();

    second = await site.browser.newContext({ userAgent: READER, viewport: PHONE });
    const other = await second.newPage();
    const story = stories[1]!;
    await other.goto(`${site.baseUrl}${story.path}`);
    // The counter writes every 5 s and the screen asks every 5 s.
    await until(async () => (await readers()) === before + 1, 20_000, "Now to count the second reader");
    const headline = await other.getByRole("heading", { level: 1 }).textContent();
    await page.getByRole("link", { name: headline!.trim() }).waitFor();
    await expectAxeClean("now");
    await photograph("now");
  });

  it("shows today and the last 7 days as a chart with the table beside it, and a story's page", async () => {
    await page.getByRole("link", { name: "Today" }).click();
    await page.getByRole("heading", { name: "By the hour" }).waitFor();
    await page.locator(".chart canvas").waitFor();
    expect(await page.getByRole("table", { name: /by the hour/ }).count()).toBe(1);
    await expectAxeClean("today");
    await photograph("today");

    await page.getByRole("link", { name: "7 days" }).click();
    await page.getByRole("heading", { name: "By the day" }).waitFor();
    const rows = await page
      .getByRole("table", { name: /by the day/ })
      .locator("tbody tr")
      .count();
    expect(rows).toBe(7);
    const csv = await page.request.get(`${site.baseUrl}/api/newsroom/analytics/overview.csv?period=7d&table=stories`);
    expect(csv.headers()["content-disposition"]).toMatch(/attachment; filename="audience-7d-stories-/);
    expect((await csv.text()).split("\r\n")[0]).toBe("id,headline,section,url,views,engaged_seconds,signups");
    await expectAxeClean("7 days");
    await photograph("7-days");

    await page
      .getByRole("table", { name: /Most read stories/ })
      .locator("tbody a")
      .first()
      .click();
    await page.getByText(/the section's median story|No earlier story/).waitFor();
    await page.locator(".chart canvas").waitFor();
    await expectAxeClean("story");
    await photograph("story");
  });
});
