import { afterAll, beforeAll, expect, it } from "vitest";
import { type DemoSite, DESKTOP, PHONE, axeViolations, screenshot, startDemoSite } from "../support/browser.js";
import { buildImage, buildVideo } from "../support/factories.js";
import { signedIn } from "../support/newsroom-session.js";

// Delete and Restore in the newsroom (docs/adr/025): an editor deletes a published demo story from
// its editor, the public page answers 410 at once, the Trash lists it, Restore puts it back live.

let site: DemoSite;

beforeAll(async () => {
  site = await startDemoSite();
});
afterAll(async () => {
  await site?.close();
});

it("deletes a published story to the trash and restores it", async () => {
  const editor = await signedIn(site.db, "editor");
  const story = await site.db
    .selectFrom("articles as a")
    .innerJoin("sections as s", "s.id", "a.section_id")
    .select(["a.id", "a.headline", "a.slug", "s.slug as section"])
    .where("a.status", "=", "published")
    .orderBy("a.id")
    .executeTakeFirstOrThrow();
  const publicUrl = `${site.baseUrl}/${story.section}/${story.slug}`;
  expect((await fetch(publicUrl)).status).toBe(200);

  const context = await site.browser.newContext({ viewport: DESKTOP });
  await context.addCookies([{ name: "ld_session", value: editor.cookie.split("=")[1]!, url: site.baseUrl }]);
  const page = await context.newPage();
  try {
    await page.goto(`${site.baseUrl}/newsroom/articles/${story.id}`);
    await page.getByLabel("Article body").waitFor();
    page.once("dialog", (dialog) => {
      expect(dialog.message()).toMatch(/leaves the site at once/);
      void dialog.accept();
    });
    await page.getByRole("button", { name: "Delete article" }).click();
    await page.getByRole("heading", { name: "Trash" }).waitFor();
    const row = page.getByRole("row").filter({ hasText: story.headline });
    await row.waitFor();
    await expect(row.textContent()).resolves.toMatch(/was published/);
    expect((await fetch(publicUrl)).status).toBe(410);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, "newsroom-trash-1366");

    await row.getByRole("button", { name: `Restore ${story.headline}` }).click();
    await page
      .getByRole("status")
      .filter({ hasText: `Restored: ${story.headline}.` })
      .waitFor();
    expect((await fetch(publicUrl)).status).toBe(200);
    await screenshot(page, "newsroom-trash-restored-1366");
  } finally {
    await context.close();
  }
});

// Delete on the Media and Video screens (issue 18): a confirmation that takes focus; a refusal that
// names what still uses the image or video, read out and focused; a deletion that hands focus to
// the screen's heading (media) or the video list; Restore from the Trash screen.
it("deletes images and videos from their screens, says what still uses them, and restores from the Trash", async () => {
  const editor = await signedIn(site.db, "editor");
  const used = await site.db
    .selectFrom("articles as a")
    .innerJoin("media as m", "m.id", "a.hero_media_id")
    .select(["m.id", "m.alt"])
    .where("a.status", "=", "published")
    .orderBy("m.id")
    .executeTakeFirstOrThrow();
  const spare = await buildImage(site.db, { alt: "A spare picture of the Thames at dusk" });
  const video = await site.db.selectFrom("videos").select(["id", "title"]).orderBy("id").executeTakeFirstOrThrow();
  // The demo's video is in its stories; a spare one is used by nothing.
  const spareVideo = await buildVideo(site.db, { title: "A spare clip of the river" });

  const context = await site.browser.newContext({ viewport: DESKTOP });
  await context.addCookies([{ name: "ld_session", value: editor.cookie.split("=")[1]!, url: site.baseUrl }]);
  const page = await context.newPage();
  const focusedId = () => page.evaluate(() => document.activeElement?.id ?? document.activeElement?.tagName ?? "");
  try {
    await page.goto(`${site.baseUrl}/newsroom/media`);
    await page.getByRole("button", { name: `Edit: ${used.alt}` }).click();
    const ask = page.getByRole("button", { name: "Delete image…" });
    await ask.click();
    expect(await ask.getAttribute("aria-expanded")).toBe("true");
    await expect.poll(focusedId).toBe("delete-image-ask");
    await page.keyboard.press("Escape");
    await expect.poll(focusedId).toBe("delete-image");
    await ask.click();
    await page.getByRole("button", { name: "Yes, move it to the Trash" }).click();
    const refusal = page.locator("#delete-image-refusal");
    await refusal.waitFor();
    expect(await refusal.textContent()).toMatch(/^This image is still used by .+: change those first$/);
    await expect.poll(focusedId).toBe("delete-image-refusal");
    await expect.poll(() => page.locator("#newsroom-announcer").textContent()).toMatch(/still used by/);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, "newsroom-media-delete-refused-1366");
    await page.setViewportSize(PHONE);
    await screenshot(page, "newsroom-media-delete-refused-360");
    await page.setViewportSize(DESKTOP);

    await page.getByRole("button", { name: "Edit: A spare picture of the Thames at dusk" }).click();
    await page.getByRole("button", { name: "Delete image…" }).click();
    await page.getByRole("button", { name: "Yes, move it to the Trash" }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe("H1");
    await expect
      .poll(() => page.locator("#newsroom-announcer").textContent())
      .toContain("moved to the Trash. You can restore it from the Trash for 30 days.");
    await expect.poll(() => page.getByRole("button", { name: /^Edit: A spare picture/ }).count()).toBe(0);

    await page.goto(`${site.baseUrl}/newsroom/videos/${video.id}`);
    await page.getByRole("button", { name: "Delete video…" }).click();
    await page.getByRole("button", { name: "Yes, move it to the Trash" }).click();
    await page.locator("#delete-video-refusal", { hasText: "This video is still used by" }).waitFor();
    await expect.poll(focusedId).toBe("delete-video-refusal");
    await screenshot(page, "newsroom-video-delete-refused-1366");
    await page.setViewportSize(PHONE);
    await screenshot(page, "newsroom-video-delete-refused-360");
    await page.setViewportSize(DESKTOP);
    await page.goto(`${site.baseUrl}/newsroom/videos/${spareVideo.id}`);
    await page.getByRole("button", { name: "Delete video…" }).click();
    await page.getByRole("button", { name: "Yes, move it to the Trash" }).click();
    await page.waitForURL(`${site.baseUrl}/newsroom/videos`, { timeout: 5_000 }).catch(async (err: unknown) => {
      throw new Error(`${String(err)}; the screen says: ${await page.locator("#delete-video-refusal").textContent()}`);
    });
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe("H1");

    await page.goto(`${site.baseUrl}/newsroom/trash`);
    for (const title of ["A spare clip of the river", "A spare picture of the Thames at dusk"]) {
      const row = page.getByRole("row").filter({ hasText: title });
      await row.getByRole("button", { name: `Restore ${title}` }).click();
      await page
        .getByRole("status")
        .filter({ hasText: `Restored: ${title}.` })
        .waitFor();
    }
    expect(
      await site.db.selectFrom("media").select("trashed_at").where("id", "=", spare.id).executeTakeFirst(),
    ).toEqual({ trashed_at: null });
  } finally {
    await context.close();
  }
});
