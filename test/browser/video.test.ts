import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoVideo } from "../../src/demo/demo-video.js";
import { DESKTOP, type DemoSite, PHONE, axeViolations, screenshot, startDemoSite } from "../support/browser.js";

// What a viewer does on a video page, in Debian's Chromium: play, pause, scrub with the keyboard,
// scroll the playing video away so it docks, close the docked player; on a phone it never floats.

let site: DemoSite;
const videoPath = `/video/${demoVideo.slug}`;

beforeAll(async () => {
  site = await startDemoSite();
});
afterAll(() => site?.close());

async function open(path: string, viewport = DESKTOP): Promise<Page> {
  const context = await site.browser.newContext({ viewport, reducedMotion: "reduce" });
  const page = await context.newPage();
  const response = await page.goto(`${site.baseUrl}${path}`, { waitUntil: "load" });
  expect(response?.status(), path).toBe(200);
  return page;
}

const currentTime = (page: Page) => page.locator(".player video").evaluate((v: HTMLVideoElement) => v.currentTime);
const paused = (page: Page) => page.locator(".player video").evaluate((v: HTMLVideoElement) => v.paused);

describe("the video pages", () => {
  it("lists the video on /video and shows its page, accessible to axe", async () => {
    const listing = await open("/video");
    expect(await listing.getByRole("heading", { level: 1 }).textContent()).toBe("Video");
    await listing.getByRole("link", { name: demoVideo.title }).click();
    await listing.waitForURL(`**${videoPath}`);
    expect(await listing.getByRole("heading", { level: 1 }).textContent()).toBe(demoVideo.title);
    expect(await listing.getByRole("heading", { name: "Transcript" }).count()).toBe(1);
    expect(await axeViolations(listing)).toEqual([]);
    await screenshot(listing, "video-page-desktop");
    await listing.goto(`${site.baseUrl}/video`);
    expect(await axeViolations(listing)).toEqual([]);
    await screenshot(listing, "video-listing-desktop");
    await listing.context().close();
  });

  it("plays, pauses and scrubs with labelled controls and the keyboard", async () => {
    const page = await open(videoPath);
    const player = page.getByRole("complementary", { name: "Video player" });
    await expect.poll(() => page.locator(".player.is-enhanced").count()).toBe(1);
    expect(await paused(page)).toBe(true); // no autoplay
    await expect(player.locator(".player-time").innerText()).resolves.toMatch(/0:00 \/ 0:1\d$/);
    for (const name of ["Play", "Mute", "Captions", "Full screen"]) {
      expect(await player.getByRole("button", { name }).isVisible(), name).toBe(true);
    }
    // Muted so the headless browser may play without a user-gesture policy getting in the way.
    await player.getByRole("button", { name: "Mute" }).click();
    expect(await player.getByRole("button", { name: "Mute" }).getAttribute("aria-pressed")).toBe("true");
    await player.getByRole("button", { name: "Play" }).click();
    await expect.poll(() => currentTime(page), { timeout: 10_000 }).toBeGreaterThan(0.3);
    await player.getByRole("button", { name: "Pause" }).click();
    expect(await paused(page)).toBe(true);

    // Scrub: the seek slider moves a second per arrow key.
    const seek = player.getByRole("slider", { name: "Seek" });
    await seek.focus();
    await page.keyboard.press("Home");
    await expect.poll(() => currentTime(page)).toBeLessThan(0.5);
    for (let i = 0; i < 6; i++) await page.keyboard.press("ArrowRight");
    await expect.poll(() => currentTime(page)).toBeGreaterThanOrEqual(5.5);
    await expect(player.locator(".player-time").innerText()).resolves.toMatch(/0:0[56] \/ 0:1\d$/);
    // Keys in the player: k plays and pauses, focus visible on the button reached by Tab.
    await player.getByRole("button", { name: "Play" }).focus();
    await page.keyboard.press("k");
    await expect.poll(() => paused(page)).toBe(false);
    await page.keyboard.press("k");
    await expect.poll(() => paused(page)).toBe(true);
    const outline = await player
      .getByRole("button", { name: "Play" })
      .evaluate((el) => getComputedStyle(el).outlineStyle);
    expect(outline).not.toBe("none");
    // Captions on by default; the toggle hides them.
    const captions = player.getByRole("button", { name: "Captions" });
    expect(await captions.getAttribute("aria-pressed")).toBe("true");
    await captions.click();
    // The track's mode changes after the click's re-render: wait for it rather than read it once.
    await expect
      .poll(() => page.locator(".player video").evaluate((v: HTMLVideoElement) => v.textTracks[0]?.mode))
      .toBe("hidden");
    expect(await captions.getAttribute("aria-pressed")).toBe("false");
    await page.context().close();
  });

  it("docks the playing video when it scrolls away, without moving the page, and closes it", async () => {
    const page = await open(videoPath);
    const player = page.getByRole("complementary", { name: "Video player" });
    await expect.poll(() => page.locator(".player.is-enhanced").count()).toBe(1);
    // A long page below the video, as an article-length description would make it.
    await page.evaluate(() => {
      document.querySelector("main")!.style.paddingBottom = "3000px";
    });
    expect(await player.getByRole("button", { name: "Close" }).count()).toBe(0);
    await player.getByRole("button", { name: "Mute" }).click();
    await player.getByRole("button", { name: "Play" }).click();
    await expect.poll(() => currentTime(page), { timeout: 10_000 }).toBeGreaterThan(0.2);
    const headingBefore = await page
      .getByRole("heading", { name: "Transcript" })
      .evaluate((el) => (el as HTMLElement).offsetTop);
    await page.evaluate(() => window.scrollTo(0, 2000));
    await expect.poll(() => page.locator(".player.is-docked").count()).toBe(1);
    const panel = await page.locator(".player-panel").boundingBox();
    expect(panel!.x + panel!.width).toBeGreaterThan(DESKTOP.width - 40);
    expect(panel!.y + panel!.height).toBeGreaterThan(DESKTOP.height - 40);
    // No layout shift: the frame keeps its size, so what follows stays put.
    expect(
      await page.getByRole("heading", { name: "Transcript" }).evaluate((el) => (el as HTMLElement).offsetTop),
    ).toBe(headingBefore);
    await expect(page.locator(".player-panel .player-title").textContent()).resolves.toBe(demoVideo.title);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, "video-page-docked");
    await player.getByRole("button", { name: "Close" }).click();
    expect(await paused(page)).toBe(true);
    expect(await page.locator(".player.is-docked").count()).toBe(0);
    expect(await page.evaluate(() => sessionStorage.getItem("ld:player-closed"))).toBe("1");
    // Remembered for the visit: the front's Watch video, started and scrolled away, stays in its place.
    await page.goto(`${site.baseUrl}/`);
    const watch = page.getByRole("complementary", { name: "Video player" });
    await watch.scrollIntoViewIfNeeded();
    await expect.poll(() => page.locator(".player.is-enhanced").count()).toBe(1);
    await watch.getByRole("button", { name: "Mute" }).click();
    await watch.getByRole("button", { name: "Play" }).click();
    await expect.poll(() => currentTime(page), { timeout: 10_000 }).toBeGreaterThan(0.2);
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await page.waitForTimeout(500);
    expect(await page.locator(".player.is-docked").count()).toBe(0);
    await page.context().close();
  });

  it("says the video is unavailable when its file cannot be loaded, and the page reads on", async () => {
    const context = await site.browser.newContext({ viewport: DESKTOP, reducedMotion: "reduce" });
    const page = await context.newPage();
    await page.route("**/media/video/**", (route) => route.fulfill({ status: 404, body: "" }));
    await page.goto(`${site.baseUrl}${videoPath}`, { waitUntil: "load" });
    const player = page.getByRole("complementary", { name: "Video player" });
    await player.getByRole("status").waitFor({ timeout: 10_000 });
    expect(await player.getByRole("status").textContent()).toBe("Video unavailable");
    expect(await player.getByRole("button", { name: "Play" }).isVisible()).toBe(false);
    expect(await page.getByRole("heading", { name: "Transcript" }).isVisible()).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });

  it("never floats over the text on a phone", async () => {
    const page = await open(videoPath, PHONE);
    await expect.poll(() => page.locator(".player.is-enhanced").count()).toBe(1);
    await page.evaluate(() => {
      document.querySelector("main")!.style.paddingBottom = "3000px";
    });
    const player = page.getByRole("complementary", { name: "Video player" });
    await player.getByRole("button", { name: "Mute" }).click();
    await player.getByRole("button", { name: "Play" }).click();
    await expect.poll(() => currentTime(page), { timeout: 10_000 }).toBeGreaterThan(0.2);
    await page.evaluate(() => window.scrollTo(0, 2000));
    await page.waitForTimeout(300);
    expect(await page.locator(".player-panel").evaluate((el) => getComputedStyle(el).position)).toBe("static");
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await page.evaluate(() => window.scrollTo(0, 0));
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, "video-page-phone");
    await page.context().close();
  });
});
