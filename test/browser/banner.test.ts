import path from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DemoSite, PHONE, SCREENSHOT_DIR, axeViolations, startDemoSite } from "../support/browser.js";
import { type SignedIn, signedIn } from "../support/newsroom-session.js";

// The breaking-news banner in Chromium: raised by an editor while readers have pages open, it
// appears on them without a reload and without taking focus; a page served afterwards carries it
// without JavaScript; it is axe-clean and photographed at 360 and 1280 px, light and dark; taken
// down, it leaves the open pages.

let site: DemoSite;
let editor: SignedIn;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  site = await startDemoSite();
  editor = await signedIn(site.db, "editor");
});
afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await site?.close();
});

async function open(
  path: string,
  options: { viewport?: { width: number; height: number }; dark?: boolean; javaScript?: boolean } = {},
): Promise<Page> {
  const context = await site.browser.newContext({
    viewport: options.viewport ?? { width: 1280, height: 900 },
    colorScheme: options.dark ? "dark" : "light",
    javaScriptEnabled: options.javaScript ?? true,
    reducedMotion: "reduce",
  });
  contexts.push(context);
  const page = await context.newPage();
  expect((await page.goto(`${site.baseUrl}${path}`, { waitUntil: "load" }))?.status()).toBe(200);
  return page;
}

const banner = (method: "POST" | "DELETE", payload?: object) =>
  fetch(`${site.baseUrl}/api/newsroom/banner`, {
    method,
    headers: payload ? { ...editor.headers, "content-type": "application/json" } : editor.headers,
    ...(payload ? { body: JSON.stringify(payload) } : {}),
  });

describe("the breaking-news banner", () => {
  it("appears on open pages without a reload or a stolen focus, and leaves them when taken down", async () => {
    const home = await open("/");
    const story = await open("/uk/storm-ida-live", { viewport: PHONE });
    for (const page of [home, story]) {
      await page.locator('#site-banner[data-listening="stream"]').waitFor({ state: "attached" });
      await page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));
    }
    await home.locator("#masthead-search").focus();

    const raised = await banner("POST", {
      text: "Thames Barrier closed as surge tide nears London",
      url: "/uk/storm-ida-live",
      live: true,
    });
    expect(raised.status).toBe(201);
    for (const page of [home, story]) {
      const region = page.getByRole("region", { name: "Breaking news" });
      await region.waitFor({ timeout: 5000 });
      expect(await region.getByRole("link").innerText()).toBe("Thames Barrier closed as surge tide nears London");
      expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
    }
    expect(await home.evaluate(() => document.activeElement?.id)).toBe("masthead-search");
    expect(await axeViolations(home)).toEqual([]);

    // Served afterwards, from the page cache, without JavaScript: it is in the page.
    const plain = await open("/", { javaScript: false });
    expect(await plain.getByRole("region", { name: "Breaking news" }).getByRole("link").getAttribute("href")).toBe(
      "/uk/storm-ida-live",
    );

    expect((await banner("DELETE")).status).toBe(200);
    for (const page of [home, story]) {
      await page.getByRole("region", { name: "Breaking news" }).waitFor({ state: "detached", timeout: 5000 });
    }
  });

  it("is raised and taken down from the newsroom's banner screen", async () => {
    const context = await site.browser.newContext({ viewport: { width: 1280, height: 900 } });
    contexts.push(context);
    await context.addCookies([{ name: "ld_session", value: editor.cookie.split("=")[1]!, url: site.baseUrl }]);
    const desk = await context.newPage();
    await desk.goto(`${site.baseUrl}/newsroom/banner`);
    await desk.getByRole("heading", { name: "Breaking-news banner" }).waitFor();
    const reader = await open("/uk");
    await reader.locator('#site-banner[data-listening="stream"]').waitFor({ state: "attached" });
    await desk.getByLabel("Text").fill("Polls close: results through the night");
    await desk.getByLabel(/^Link/).fill("/uk/storm-ida-live");
    await desk.getByLabel("Mark it “Live”").check();
    await desk.getByRole("button", { name: "Raise the banner" }).click();
    await desk.getByRole("status").filter({ hasText: "The banner is up" }).waitFor();
    await reader.getByRole("region", { name: "Breaking news" }).getByText("Polls close").waitFor({ timeout: 5000 });
    expect(await axeViolations(desk)).toEqual([]);
    await desk.screenshot({ path: path.join(SCREENSHOT_DIR, "banner-newsroom.png") });
    await desk.getByRole("button", { name: "Take the banner down" }).click();
    await desk.getByRole("status").filter({ hasText: "The banner is down" }).waitFor();
    await reader.getByRole("region", { name: "Breaking news" }).waitFor({ state: "detached", timeout: 5000 });
  });

  it("offers breaking-news notifications only at the end of an article, and asks permission only on the button", async () => {
    const context = await site.browser.newContext({ viewport: { width: 1280, height: 900 } });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(`${site.baseUrl}/uk/storm-ida-live`, { waitUntil: "load" });
    const button = page.getByRole("button", { name: "Turn on breaking-news notifications" });
    // On arrival: no offer yet, and no permission asked.
    await page.waitForTimeout(500);
    expect(await button.count()).toBe(0);
    expect(await page.evaluate(() => Notification.permission)).toBe("default");
    await page.locator(".push-optin, [data-island='PushOptIn']").first().scrollIntoViewIfNeeded();
    await button.waitFor({ timeout: 5000 });
    expect(await page.evaluate(() => Notification.permission)).toBe("default");
    expect(await axeViolations(page)).toEqual([]);
    await context.grantPermissions(["notifications"], { origin: site.baseUrl });
    await button.click();
    // Headless Chromium has no push service to subscribe at: the reader is told, clearly.
    const status = page.locator(".push-optin-status");
    await expect.poll(() => status.innerText(), { timeout: 10_000 }).not.toBe("");
    const said = await status.innerText();
    if (said.startsWith("Done")) {
      expect(await site.db.selectFrom("push_subscriptions").select("id").execute()).toHaveLength(1);
    } else {
      expect(said).toMatch(/^Notifications could not be turned on \(.+\)\.$/);
    }
  });

  for (const [name, viewport] of [
    ["phone", PHONE],
    ["desktop", { width: 1280, height: 900 }],
  ] as const) {
    for (const dark of [false, true]) {
      it(`is axe-clean and photographed at ${viewport.width} px, ${dark ? "dark" : "light"}`, async () => {
        const state = (await (await fetch(`${site.baseUrl}/banner.json`)).json()) as { banner: unknown };
        if (!state.banner) {
          const res = await banner("POST", {
            text: "Live: Thames Barrier closed as surge tide nears London, homes evacuated in Kent",
            url: "/uk/storm-ida-live",
            live: true,
          });
          expect(res.status).toBe(201);
        }
        const page = await open("/", { viewport, dark });
        await page.getByRole("region", { name: "Breaking news" }).waitFor();
        expect(await axeViolations(page)).toEqual([]);
        await page.screenshot({ path: path.join(SCREENSHOT_DIR, `banner-${name}-${dark ? "dark" : "light"}.png`) });
      });
    }
  }
});
