import fs from "node:fs";
import path from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type DemoSite, PHONE, axeViolations, screenshot, startDemoSite } from "../support/browser.js";
import { signedIn } from "../support/newsroom-session.js";
import { type TestVideos, describeWithFfmpeg, makeTestVideos } from "../support/test-videos.js";

// The newsroom's video screens in Chromium, with the job runner processing for real: a writer
// uploads a clip made by ffmpeg (the first chunk's connection dropped on purpose: the upload asks
// the server for its offset and carries on), watches it process to ready, uploads captions (a
// broken file first: its errors are listed by line), and publishes it; a contributor sees the
// publish controls disabled with the reason. Views checked by axe, photographed at 1280 and 360 px.

const WIDE = { width: 1280, height: 900 };
const TITLE = "Thames tide at dawn";

let site: DemoSite;
let videos: TestVideos;
const contexts: BrowserContext[] = [];

describeWithFfmpeg("the newsroom's video screens", () => {
  beforeAll(async () => {
    videos = makeTestVideos();
    site = await startDemoSite({ jobs: true });
  });
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await site?.close();
    videos?.remove();
  });

  async function as(role: "writer" | "contributor"): Promise<Page> {
    const session = await signedIn(site.db, role);
    const context = await site.browser.newContext({ viewport: WIDE, reducedMotion: "reduce" });
    contexts.push(context);
    await context.addCookies([{ name: "ld_session", value: session.cookie.split("=")[1]!, url: site.baseUrl }]);
    const page = await context.newPage();
    page.on("pageerror", (err) => {
      throw err;
    });
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

  let writer: Page;
  let videoPath = "";

  it("uploads a video in resumable chunks, refuses a text file clearly, and shows processing to ready", async () => {
    const page = (writer = await as("writer"));
    await page.goto(`${site.baseUrl}/newsroom`);
    await page.getByRole("link", { name: "Video", exact: true }).click();
    await page.getByRole("heading", { name: "Video", level: 1 }).waitFor();
    await expectAxeClean(page, "video library (empty)");

    // A text file named .mp4: the server's 415 in words.
    await page.getByLabel("Choose a video file").setInputFiles(videos.text);
    await page.getByRole("button", { name: "Upload", exact: true }).click();
    await expect.poll(() => page.getByRole("alert").textContent()).toMatch(/not a video we take/);

    // The first chunk's connection drops; the client asks for the offset and sends again.
    let dropped = 0;
    let statusAsked = 0;
    await page.route("**/api/newsroom/videos/uploads/*", async (route) => {
      const method = route.request().method();
      if (method === "PUT" && dropped === 0) {
        dropped += 1;
        return route.abort("connectionreset");
      }
      if (method === "GET") statusAsked += 1;
      return route.continue();
    });
    await page.getByLabel("Choose a video file").setInputFiles(videos.mp4);
    await page.getByLabel("Title").fill(TITLE);
    await page.getByRole("button", { name: "Upload", exact: true }).click();
    await page
      .getByRole("status")
      .filter({ hasText: `Uploaded “${TITLE}”` })
      .waitFor({ timeout: 20_000 });
    expect(dropped).toBe(1);
    expect(statusAsked).toBeGreaterThanOrEqual(1);
    await page.unroute("**/api/newsroom/videos/uploads/*");

    const row = page.getByRole("row").filter({ hasText: TITLE });
    await row.getByText("Ready", { exact: true }).waitFor({ timeout: 60_000 });
    expect(await row.locator("img").count()).toBe(1);
    await expectAxeClean(page, "video library");
    await photograph(page, "video-library");
  });

  it("uploads captions, lists a broken file's errors by line, and publishes the video", async () => {
    const page = writer;
    await page.getByRole("link", { name: TITLE }).click();
    await page.getByRole("heading", { name: TITLE, level: 1 }).waitFor();
    await page.getByRole("button", { name: "Publish" }).waitFor();

    const bad = path.join(videos.dir, "bad.vtt");
    fs.writeFileSync(
      bad,
      "WEBVTT\n\n00:00.000 --> 00:01.000\n<script>alert(1)</script>\n\n00:02.000 --> 00:01.000\nBackwards\n",
    );
    const good = path.join(videos.dir, "good.vtt");
    fs.writeFileSync(good, "WEBVTT\n\n00:00.000 --> 00:01.000\nThe tide turns.\n\n00:01.000 --> 00:02.000\nGulls.\n");
    const captions = page.getByRole("form", { name: "Upload captions" });
    await captions.getByLabel("WebVTT file").setInputFiles(bad);
    await captions.getByRole("button", { name: "Upload captions" }).click();
    const problems = page.getByRole("list", { name: "Problems in the WebVTT file" });
    await problems.waitFor();
    expect(await problems.locator("li").first().textContent()).toMatch(/^Line \d+: /);

    await captions.getByLabel("WebVTT file").setInputFiles(good);
    await captions.getByRole("button", { name: "Upload captions" }).click();
    await page.getByRole("link", { name: "English (en)" }).waitFor();
    expect(await problems.count()).toBe(0);

    await page.getByLabel("Description").fill("The river at first light from Tower Bridge.");
    await page.getByRole("button", { name: "Save details" }).click();
    await page.getByText("Saved.").waitFor();

    await page.getByRole("button", { name: "Publish" }).click();
    const link = page.getByRole("link", { name: /^\/video\// });
    await link.waitFor();
    videoPath = (await link.textContent())!;
    await expectAxeClean(page, "video edit");
    await photograph(page, "video-edit");

    const res = await fetch(`${site.baseUrl}${videoPath}`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain(TITLE);
  });

  it("shows a contributor the publish controls disabled, with the reason", async () => {
    const page = await as("contributor");
    await page.goto(`${site.baseUrl}/newsroom/videos`);
    await page.getByRole("link", { name: TITLE }).click();
    await page.getByRole("heading", { name: TITLE, level: 1 }).waitFor();
    const unpublish = page.getByRole("button", { name: "Unpublish" });
    expect(await unpublish.isDisabled()).toBe(true);
    expect(await page.getByRole("button", { name: "Featured" }).isDisabled()).toBe(true);
    expect(await page.getByText(/Your role \(contributor\) cannot publish or feature videos/).isVisible()).toBe(true);
    await expectAxeClean(page, "video edit as a contributor");
  });
});
