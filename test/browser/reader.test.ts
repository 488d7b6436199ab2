import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DESKTOP, type DemoSite, PHONE, axeViolations, screenshot, startDemoSite } from "../support/browser.js";

// What a reader does, in Debian's Chromium: read an article, play and close the floating player,
// sign up for the newsletter, and every page type checked by axe-core and photographed.

let site: DemoSite;
let articlePath = "";
let sectionPath = "";
let tagPath = "";
let authorPath = "";
let briefingPath = "";

beforeAll(async () => {
  site = await startDemoSite();
  const home = await (await fetch(`${site.baseUrl}/`)).text();
  // The lead story has a video of its own in the demo newsroom? Any article works for the blocks.
  articlePath = /<section aria-labelledby="lead-title" class="lead">.*?<a href="([^"]+)"/s.exec(home)![1]!;
  sectionPath = articlePath.split("/").slice(0, 2).join("/");
  const article = await (await fetch(`${site.baseUrl}${articlePath}`)).text();
  tagPath = /href="(\/tags\/[^"]+)"/.exec(article)![1]!;
  authorPath = /href="(\/authors\/[^"]+)"/.exec(article)![1]!;
  briefingPath = /href="(\/morning-headlines\/\d{4}-\d{2}-\d{2})"/.exec(home)![1]!;
});
afterAll(() => site?.close());

async function open(path: string, viewport = DESKTOP, javaScript = true): Promise<Page> {
  const context = await site.browser.newContext({ viewport, javaScriptEnabled: javaScript, reducedMotion: "reduce" });
  const page = await context.newPage();
  const response = await page.goto(`${site.baseUrl}${path}`, { waitUntil: "load" });
  expect(response?.status(), path).toBeLessThan(500);
  return page;
}

describe("the article page", () => {
  it("shows every block of the reference page", async () => {
    const page = await open(articlePath);
    await expect.poll(() => page.locator(".player.is-enhanced").count()).toBe(1);
    await expect(page.locator(".brand-name").textContent()).resolves.toBe("London Daily");
    await expect(page.locator(".tagline").textContent()).resolves.toBe("Focus on the big picture.");
    expect(await page.locator("h1").count()).toBe(1);
    expect(await page.locator(".article-body p").count()).toBeGreaterThan(2);
    expect(await page.getByRole("heading", { name: "Newsletter" }).count()).toBe(1);
    expect(await page.getByRole("heading", { name: "Related Articles" }).count()).toBe(1);
    expect(await page.getByRole("heading", { name: "Today's headlines" }).count()).toBe(1);
    expect(await page.locator(".headline-list-time li").count()).toBeGreaterThan(0);
    await expect(page.locator(".briefing-link a").textContent()).resolves.toMatch(
      /^London Daily Morning Headlines - \w+day, \w+ \d{1,2} \d{4}$/,
    );
    const player = page.getByRole("complementary", { name: "Video player" });
    await expect(player.locator(".player-title").textContent()).resolves.not.toBe("");
    await expect(player.locator(".player-time").innerText()).resolves.toMatch(/0:00 \/ 0:\d\d/);
    expect(await player.getByRole("button", { name: "Close" }).isVisible()).toBe(true);
    await screenshot(page, "article-desktop");
    await page.context().close();
  });

  it("plays, pauses and closes the floating player, and remembers closing for the visit", async () => {
    const page = await open(articlePath);
    const player = page.getByRole("complementary", { name: "Video player" });
    await expect.poll(() => page.locator(".player.is-floating").count()).toBe(1);
    const box = await player.boundingBox();
    expect(box!.x + box!.width).toBeGreaterThan(DESKTOP.width - 40); // docked at the right edge
    expect(await page.locator(".player video").evaluate((v: HTMLVideoElement) => v.autoplay || !v.paused)).toBe(false);
    // Muted so the headless browser may play without a user gesture policy getting in the way.
    await player.getByRole("button", { name: "Mute" }).click();
    await player.getByRole("button", { name: "Play" }).click();
    await expect
      .poll(() => page.locator(".player video").evaluate((v: HTMLVideoElement) => v.currentTime), { timeout: 10_000 })
      .toBeGreaterThan(0.5);
    await expect(player.locator(".player-time").innerText()).resolves.toMatch(/0:0\d \/ 0:\d\d/);
    await player.getByRole("button", { name: "Pause" }).click();
    expect(await page.locator(".player video").evaluate((v: HTMLVideoElement) => v.paused)).toBe(true);
    await player.getByRole("button", { name: "Close" }).click();
    expect(await player.isVisible()).toBe(false);
    await page.goto(`${site.baseUrl}/`);
    await page.waitForLoadState("load");
    await expect.poll(() => page.evaluate(() => sessionStorage.getItem("ld:player-closed"))).toBe("1");
    await expect.poll(() => page.locator(".player").isVisible()).toBe(false);
    await page.context().close();
  });

  it("keeps the player in the page flow on a phone, never over the text", async () => {
    const page = await open(articlePath, PHONE);
    await expect.poll(() => page.locator(".player.is-enhanced").count()).toBe(1);
    expect(await page.locator(".player").evaluate((el) => getComputedStyle(el).position)).toBe("static");
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await screenshot(page, "article-phone");
    await page.context().close();
  });

  it("reads fully without JavaScript", async () => {
    const page = await open(articlePath, PHONE, false);
    expect(await page.locator(".article-body p").count()).toBeGreaterThan(2);
    expect(await page.locator(".player video[controls]").count()).toBe(1);
    expect(await page.locator("form[action='/newsletters/subscribe'] input[type=email]").count()).toBeGreaterThan(0);
    await page.context().close();
  });
});

describe("the newsletter", () => {
  it("signs up from the article page without JavaScript and shows the confirmation page", async () => {
    const page = await open(articlePath, DESKTOP, false);
    const form = page.locator(".newsletter-signup form");
    await form.getByLabel("Email address").fill("new.reader@example.org");
    await form.getByRole("button", { name: "Sign up" }).click();
    await page.waitForURL(/\/newsletters\/check-your-inbox/);
    expect(await page.locator("h1").textContent()).toBe("Check your inbox");
    await page.context().close();
  });

  it("keeps what the reader typed when the address is invalid", async () => {
    const page = await open(articlePath, DESKTOP, false);
    const form = page.locator(".newsletter-signup form");
    await form.getByLabel("Email address").fill("reader@invalid@");
    // The browser's own validation would stop this; submit as a script-less old browser would.
    await form.evaluate((f: HTMLFormElement) => {
      f.noValidate = true;
      f.submit();
    });
    await page.waitForLoadState("load");
    expect(await page.locator(".form-error").textContent()).toContain("valid email address");
    expect(await page.getByLabel("Email address").inputValue()).toBe("reader@invalid@");
    await page.context().close();
  });

  it("offers a dismissible prompt once per visit, only after scrolling", async () => {
    const page = await open(articlePath, PHONE);
    await expect.poll(() => page.locator(".player.is-enhanced").count()).toBe(1);
    expect(await page.locator(".prompt").count()).toBe(0); // never on the first screen
    await page.mouse.wheel(0, 4000);
    await expect.poll(() => page.locator(".prompt").count()).toBe(1);
    await screenshot(page, "prompt-phone");
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole("button", { name: "Close newsletter sign-up" }).click();
    expect(await page.locator(".prompt").count()).toBe(0);
    await page.goto(`${site.baseUrl}${articlePath}`);
    await page.mouse.wheel(0, 4000);
    await page.waitForTimeout(500);
    expect(await page.locator(".prompt").count()).toBe(0);
    await page.context().close();
  });
});

describe("accessibility and looks of every page type", () => {
  const pages = () => [
    ["home", "/"],
    ["article", articlePath],
    ["section", sectionPath],
    ["tag", tagPath],
    ["author", authorPath],
    ["briefing", briefingPath],
    ["briefing-archive", "/morning-headlines"],
    ["search", "/search?q=london"],
    ["newsletters", "/newsletters"],
    ["api-docs", "/api/content/docs"],
    ["not-found", "/no/such/page"],
  ];

  for (const scheme of ["light", "dark"] as const) {
    it(`has no axe-core violations in the ${scheme} scheme`, async () => {
      for (const [name, path] of pages()) {
        const context = await site.browser.newContext({ viewport: DESKTOP, colorScheme: scheme });
        const page = await context.newPage();
        await page.goto(`${site.baseUrl}${path}`);
        await page.waitForLoadState("load");
        expect(await axeViolations(page), `${name} (${scheme})`).toEqual([]);
        if (scheme === "light") await screenshot(page, `${name}-desktop`);
        else if (name === "home" || name === "article") await screenshot(page, `${name}-desktop-dark`);
        await context.close();
      }
    });
  }

  it("fits a 320 px phone without sideways scrolling", async () => {
    for (const [name, path] of pages()) {
      const page = await open(path!, { width: 320, height: 700 });
      expect(await page.evaluate(() => document.documentElement.scrollWidth), name).toBeLessThanOrEqual(320);
      if (name === "home") await screenshot(page, "home-phone");
      await page.context().close();
    }
  });

  it("loads nothing from another host", async () => {
    const context = await site.browser.newContext({ viewport: DESKTOP });
    const page = await context.newPage();
    const foreign: string[] = [];
    page.on("request", (r) => {
      if (!r.url().startsWith(site.baseUrl) && !r.url().startsWith("data:")) foreign.push(r.url());
    });
    for (const path of ["/", articlePath]) await page.goto(`${site.baseUrl}${path}`, { waitUntil: "networkidle" });
    expect(foreign).toEqual([]);
    await context.close();
  });
});
