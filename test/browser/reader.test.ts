import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DESKTOP, type DemoSite, PHONE, axeViolations, screenshot, startDemoSite } from "../support/browser.js";
import { expectDockedFrameLabelled, expectPlayerShown } from "../support/player-probe.js";

// What a reader does, in Debian's Chromium: read an article, play a video that docks and close it,
// sign up for the newsletter, and every page type checked by axe-core and photographed.

let site: DemoSite;
let articlePath = "";
let sectionPath = "";
let tagPath = "";
let authorPath = "";
let briefingPath = "";
let noVideoPath = "";
let videoPath = "";

beforeAll(async () => {
  site = await startDemoSite();
  const home = await (await fetch(`${site.baseUrl}/`)).text();
  // The lead story has a video of its own in the demo newsroom? Any article works for the blocks.
  articlePath = /<section aria-labelledby="lead-title" class="lead">.*?<a href="([^"]+)"/s.exec(home)![1]!;
  sectionPath = articlePath.split("/").slice(0, 2).join("/");
  const article = await (await fetch(`${site.baseUrl}${articlePath}`)).text();
  tagPath = /href="(\/tags\/[^"]+)"/.exec(article)![1]!;
  authorPath = /href="(\/authors\/[^"]+)"/.exec(article)![1]!;
  videoPath = /href="(\/video\/[^"]+)"/.exec(home)![1]!;
  briefingPath = /href="(\/morning-headlines\/\d{4}-\d{2}-\d{2})"/.exec(home)![1]!;
  for (const [, path] of home.matchAll(/<h3 class="card-headline"><a href="([^"]+)"/g)) {
    const html = await (await fetch(`${site.baseUrl}${path}`)).text();
    if (!html.includes("<video")) {
      noVideoPath = path!;
      break;
    }
  }
});
afterAll(() => site?.close());

async function open(path: string, viewport = DESKTOP, javaScript = true): Promise<Page> {
  const context = await site.browser.newContext({ viewport, javaScriptEnabled: javaScript, reducedMotion: "reduce" });
  const page = await context.newPage();
  const response = await page.goto(`${site.baseUrl}${path}`, { waitUntil: "load" });
  expect(response?.status(), path).toBeLessThan(500);
  return page;
}

const docked = (page: Page) => page.locator(".player.is-docked").count();
const playing = (page: Page) =>
  page.locator(".player video").evaluateAll((vs: HTMLVideoElement[]) => vs.some((v) => !v.paused));

/** Starts the first player on the page (muted, so headless Chromium may play it) and waits for it to run. */
async function startVideo(page: Page): Promise<void> {
  const player = page.getByRole("complementary", { name: "Video player" }).first();
  await player.scrollIntoViewIfNeeded();
  await expect.poll(() => player.evaluate((el) => el.classList.contains("is-enhanced"))).toBe(true);
  await player.getByRole("button", { name: "Mute" }).click();
  await player.getByRole("button", { name: "Play" }).click();
  await expect
    .poll(() => player.locator("video").evaluate((v: HTMLVideoElement) => v.currentTime), { timeout: 10_000 })
    .toBeGreaterThan(0.3);
}

const scrollToEnd = (page: Page) => page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));

describe("the article page", () => {
  it("shows every block of the reference page", async () => {
    const page = await open(articlePath);
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
    // The lead story's video plays in its body, once: nothing else is promoted into the story.
    const player = page.getByRole("complementary", { name: "Video player" });
    expect(await player.count()).toBe(1);
    expect(await page.locator(".article-body .player").count()).toBe(1);
    await expect(player.locator(".player-title").textContent()).resolves.not.toBe("");
    await expect(player.locator(".player-time").innerText()).resolves.toMatch(/0:00 \/ 0:\d\d/);
    expect(await docked(page)).toBe(0);
    await screenshot(page, "article-desktop");
    await page.context().close();
  });

  it("docks the video the reader started when it scrolls away: small, titled, closable, remembered", async () => {
    const page = await open(articlePath);
    const player = page.getByRole("complementary", { name: "Video player" });
    expect(await page.locator(".player video").evaluate((v: HTMLVideoElement) => v.autoplay || !v.paused)).toBe(false);
    await scrollToEnd(page);
    await page.waitForTimeout(300);
    expect(await docked(page)).toBe(0); // not started: it stays where it is
    await startVideo(page);
    await scrollToEnd(page);
    await expect.poll(() => docked(page)).toBe(1);
    const panel = await page.locator(".player-panel").boundingBox();
    expect(panel!.x + panel!.width).toBeGreaterThan(DESKTOP.width - 40); // in the right-hand corner
    expect(panel!.width).toBeLessThanOrEqual(340); // small
    await expect(player.locator(".player-title").textContent()).resolves.not.toBe("");
    await expect(player.locator(".player-time").innerText()).resolves.toMatch(/0:0\d \/ 0:\d\d/);
    await expectPlayerShown(page.locator(".player.is-docked .player-panel"));
    await expectDockedFrameLabelled(page);
    await screenshot(page, "article-player-docked");
    await player.getByRole("button", { name: "Close", exact: true }).click();
    await expect.poll(() => docked(page)).toBe(0);
    expect(await playing(page)).toBe(false);
    await expect.poll(() => page.evaluate(() => sessionStorage.getItem("ld:player-closed"))).toBe("1");
    // Closing is remembered for the visit: the front's video, started and scrolled away, stays put.
    await page.goto(`${site.baseUrl}/`);
    await startVideo(page);
    await scrollToEnd(page);
    await page.waitForTimeout(500);
    expect(await docked(page)).toBe(0);
    await page.context().close();
  });

  it("gives the docked player a visible edge in the dark scheme", async () => {
    const context = await site.browser.newContext({ viewport: DESKTOP, colorScheme: "dark" });
    const page = await context.newPage();
    await page.goto(`${site.baseUrl}${articlePath}`);
    await startVideo(page);
    await scrollToEnd(page);
    await expect.poll(() => docked(page)).toBe(1);
    const shadow = await page.locator(".player-panel").evaluate((el) => getComputedStyle(el).boxShadow);
    expect(shadow).toContain("rgb(118, 123, 134) 0px 0px 0px 1px");
    await expectPlayerShown(page.locator(".player.is-docked .player-panel"));
    await expectDockedFrameLabelled(page);
    await screenshot(page, "article-player-docked-dark");
    await context.close();
  });

  it("takes over a video started before the page's script ran: it shows Pause and docks", async () => {
    const context = await site.browser.newContext({ viewport: DESKTOP, colorScheme: "dark" });
    const page = await context.newPage();
    // A slow connection: the islands' script arrives after the reader pressed the browser's Play.
    let release!: () => void;
    const scriptsHeld = new Promise<void>((resolve) => (release = resolve));
    await page.route("**/build/**", async (route) => {
      await scriptsHeld;
      await route.continue();
    });
    await page.goto(`${site.baseUrl}${videoPath}`, { waitUntil: "commit" });
    const player = page.getByRole("complementary", { name: "Video player" }).first();
    await player.locator("video").evaluate((v: HTMLVideoElement) => {
      v.muted = true;
      return v.play();
    });
    release();
    await expect.poll(() => player.evaluate((el) => el.classList.contains("is-enhanced"))).toBe(true);
    await expect(player.getAttribute("data-state")).resolves.toBe("playing");
    expect(await player.getByRole("button", { name: "Pause" }).count()).toBe(1);
    await page.evaluate(() => {
      document.querySelector("main")!.style.paddingBottom = "3000px";
      window.scrollTo(0, document.body.scrollHeight);
    });
    await expect.poll(() => docked(page)).toBe(1);
    await expectPlayerShown(page.locator(".player.is-docked .player-panel"));
    await context.close();
  });

  it("after Close and a reload, the remembered player still shows its title, picture and controls in the page", async () => {
    const page = await open(articlePath);
    await startVideo(page);
    await scrollToEnd(page);
    await expect.poll(() => docked(page)).toBe(1);
    await page.getByRole("button", { name: "Close", exact: true }).click();
    await page.reload();
    const player = page.getByRole("complementary", { name: "Video player" }).first();
    await player.scrollIntoViewIfNeeded();
    await expect.poll(() => player.evaluate((el) => el.classList.contains("is-enhanced"))).toBe(true);
    await player.getByRole("button", { name: "Mute" }).click();
    await player.getByRole("button", { name: "Play" }).click();
    await expect
      .poll(() => player.locator("video").evaluate((v: HTMLVideoElement) => v.currentTime), { timeout: 10_000 })
      .toBeGreaterThan(0.3);
    await expectPlayerShown(player.locator(".player-panel"));
    await scrollToEnd(page);
    await page.waitForTimeout(500);
    expect(await docked(page)).toBe(0);
    await page.context().close();
  });

  it("shows no player on a story without a video, and none docks on the front before the reader starts one", async () => {
    const page = await open(noVideoPath);
    await page.waitForTimeout(300);
    expect(await page.locator(".player").count()).toBe(0);
    await page.goto(`${site.baseUrl}/`);
    await page.waitForLoadState("load");
    await scrollToEnd(page);
    await page.waitForTimeout(500);
    expect(await docked(page)).toBe(0);
    await page.context().close();
  });

  it("keeps the player in the page flow on a phone, never over the text", async () => {
    const page = await open(articlePath, PHONE);
    await startVideo(page);
    await scrollToEnd(page);
    await page.waitForTimeout(500);
    expect(await docked(page)).toBe(0);
    expect(await page.locator(".player-panel").evaluate((el) => getComputedStyle(el).position)).toBe("static");
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await page.evaluate(() => window.scrollTo(0, 0));
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
    await page.waitForTimeout(300);
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

  it("never shows the prompt beside a docked player: it waits until the player is closed", async () => {
    const page = await open(articlePath);
    await startVideo(page);
    await scrollToEnd(page);
    await expect.poll(() => docked(page)).toBe(1);
    await page.mouse.wheel(0, -200);
    await page.mouse.wheel(0, 400);
    await page.waitForTimeout(500);
    expect(await page.locator(".prompt").count()).toBe(0);
    await page
      .getByRole("complementary", { name: "Video player" })
      .getByRole("button", { name: "Close", exact: true })
      .click();
    await page.mouse.wheel(0, -200);
    await page.mouse.wheel(0, 400);
    await expect.poll(() => page.locator(".prompt").count()).toBe(1);
    await page.context().close();
  });

  it("does not ask a reader who came from one of our newsletters", async () => {
    const page = await open(`${articlePath}?utm_source=morning-headlines&utm_medium=email`, PHONE);
    await page.mouse.wheel(0, 4000);
    await page.waitForTimeout(800);
    expect(await page.locator(".prompt").count()).toBe(0);
    // Nor later in that visit, on another story.
    await page.goto(`${site.baseUrl}${noVideoPath}`);
    await page.mouse.wheel(0, 4000);
    await page.waitForTimeout(800);
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
    // Eleven pages, each loaded and audited: on a machine shared by several test runs this takes
    // longer than one page's budget.
    it(`has no axe-core violations in the ${scheme} scheme`, { timeout: 180_000 }, async () => {
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
