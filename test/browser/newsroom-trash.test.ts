import { afterAll, beforeAll, expect, it } from "vitest";
import { type DemoSite, DESKTOP, axeViolations, screenshot, startDemoSite } from "../support/browser.js";
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
