import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DemoSite, PHONE, axeViolations, screenshot, startDemoSite } from "../support/browser.js";
import { signedIn } from "../support/newsroom-session.js";

// The newsroom's newsletter screens in Chromium on the demo site: an administrator opens today's
// Morning Headlines (the demo leaves it composed, not sent), reorders and cuts its items, writes an intro, saves,
// previews it at both widths and as text, holds and releases it, sends a test; imports a CSV of
// subscribers with a bad line and reads the report. Axe on each view, screenshots at 1280 and 360.

const WIDE = { width: 1280, height: 900 };
let site: DemoSite;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  // Its own address as SITE_URL, so the email's absolute image and link URLs load in the preview.
  site = await startDemoSite({ siteUrlIsAddress: true });
  const admin = await signedIn(site.db, "admin");
  context = await site.browser.newContext({ viewport: WIDE, reducedMotion: "reduce" });
  await context.addCookies([{ name: "ld_session", value: admin.cookie.split("=")[1]!, url: site.baseUrl }]);
  page = await context.newPage();
  page.on("pageerror", (err) => {
    throw err;
  });
});
afterAll(async () => {
  await context?.close();
  await site?.close();
});

async function expectAxeClean(what: string) {
  const violations = await axeViolations(page);
  expect(violations, `${what}: ${JSON.stringify(violations, null, 1)}`).toEqual([]);
}

async function photograph(name: string) {
  await screenshot(page, `newsroom-${name}-1280`);
  await page.setViewportSize(PHONE);
  await screenshot(page, `newsroom-${name}-360`);
  await page.setViewportSize(WIDE);
}

const itemTitles = () => page.locator(".edition-items li strong").allTextContents();

describe("the newsroom's newsletter screens", () => {
  it("lists the newsletters with their counts and opens an edition", async () => {
    await page.goto(`${site.baseUrl}/newsroom`);
    await page.getByRole("link", { name: "Newsletters" }).click();
    await page.getByRole("heading", { name: "Newsletters", level: 1 }).waitFor();
    await page.getByRole("link", { name: "Morning Headlines" }).waitFor();
    expect(await page.getByRole("heading", { name: "Add a newsletter" }).count()).toBe(1);
    await expectAxeClean("newsletters");
    await photograph("newsletters");

    await page.getByRole("link", { name: "Morning Headlines" }).click();
    await page.getByRole("heading", { name: /editions$/ }).waitFor();
    await expectAxeClean("editions");
    await page.locator("table.list a").first().click();
    await page.getByRole("heading", { name: "Contents" }).waitFor();
  });

  it("adds a weekly digest of one section, which lists what it gathers and when it goes", async () => {
    await page.goto(`${site.baseUrl}/newsroom/newsletters`);
    await page.getByRole("heading", { name: "Add a newsletter" }).waitFor();
    const form = page.getByRole("form", { name: "Add a newsletter" });
    await form.getByLabel("Name").fill("Sport Weekly");
    await form.getByLabel("Kind").selectOption("weekly");
    await form.getByLabel("Send time (cron)").fill("0 9 * * 1");
    await form.getByLabel("Stories from").selectOption({ label: "Sport" });
    await form.getByRole("button", { name: "Add the newsletter" }).click();
    const row = page.getByRole("row").filter({ has: page.getByRole("link", { name: "Sport Weekly" }) });
    // Editors read the send time in words, not cron.
    await row.getByText("weekly · stories from Sport · Every Monday at 09:00 (Europe/London time)").waitFor();
    await expectAxeClean("newsletters with a digest");
    await row.getByRole("link", { name: "Sport Weekly" }).click();
    await page.getByRole("heading", { name: "Sport Weekly: editions" }).waitFor();
    await page.getByText("No editions yet.").waitFor();
    await page.goBack();
    await page.locator("table.list a").first().waitFor();
    await page.getByRole("link", { name: "Morning Headlines" }).click();
    await page.getByRole("heading", { name: /editions$/ }).waitFor();
    await page.locator("table.list a").first().click();
    await page.getByRole("heading", { name: "Contents" }).waitFor();
  });

  it("reorders, cuts and introduces the edition, previews it, holds it and sends a test", async () => {
    const before = await itemTitles();
    expect(before.length).toBeGreaterThan(2);
    await page.getByRole("button", { name: `Move “${before[0]}” down` }).click();
    await page.getByRole("button", { name: `Cut “${before[2]}”` }).click();
    await page.getByLabel("Intro").fill("Rain by noon; the Tube runs as usual.");
    // Preview and test send show the saved edition, and say so while the screen holds more.
    const warnings = page.locator(".unsaved-warning");
    await expect
      .poll(() => warnings.allTextContents())
      .toEqual([
        "The test sends the saved edition: your unsaved changes are not included. Save the edition first to include them.",
        "The preview shows the saved edition: your unsaved changes are not included. Save the edition first to include them.",
      ]);
    await page.getByRole("button", { name: "Save the edition" }).click();
    await page.getByText("Edition saved.").waitFor({ state: "attached" });
    await expect.poll(() => warnings.count()).toBe(0);
    const after = [before[1], before[0], ...before.slice(3)];
    expect(await itemTitles()).toEqual(after);
    await page.reload();
    await page.getByRole("heading", { name: "Contents" }).waitFor();
    expect(await itemTitles()).toEqual(after);
    expect(await page.getByLabel("Intro").inputValue()).toBe("Rain by noon; the Tube runs as usual.");

    const frame = page.locator("iframe.edition-frame");
    expect(await frame.getAttribute("sandbox")).toBe("");
    expect(await frame.getAttribute("width")).toBe("600");
    await expect
      .poll(() => page.frameLocator("iframe.edition-frame").locator("body").textContent())
      .toContain("Rain by noon");
    await page.getByRole("button", { name: "Phone (360 px)" }).click();
    expect(await page.locator("iframe.edition-frame").getAttribute("width")).toBe("360");
    await page.getByRole("button", { name: "Plain text" }).click();
    // The plain-text part wraps at 78 characters, so a long headline may run over two lines.
    await expect
      .poll(async () => ((await page.locator(".edition-text").textContent()) ?? "").replace(/\s+/g, " "))
      .toContain(after[0]!.replace(/\s+/g, " "));
    await page.getByRole("button", { name: "Desktop (600 px)" }).click();

    await page.getByRole("button", { name: "Hold" }).click();
    await page.getByRole("button", { name: "Release" }).waitFor();
    expect(await page.getByText("Held", { exact: true }).count()).toBeGreaterThan(0);
    await page.getByRole("button", { name: "Release" }).click();
    await page.getByRole("button", { name: "Hold" }).waitFor();
    await page.getByRole("button", { name: "Send now…" }).click();
    await page.getByText("Send this edition to every confirmed subscriber now?").waitFor();
    await page.getByRole("button", { name: "Cancel" }).click();

    await page.getByLabel("Email address").fill("desk@example.org");
    await page.getByRole("button", { name: "Send a test" }).click();
    await page.getByText("Test sent to desk@example.org.").waitFor();
    await expectAxeClean("edition");
    await photograph("edition");
  });

  it("imports subscribers from CSV with a line-by-line report, searches and filters them", async () => {
    await page.goto(`${site.baseUrl}/newsroom/subscribers`);
    await page.getByRole("heading", { name: "Subscribers", level: 1 }).waitFor();
    await page.getByLabel("Into").selectOption("morning-headlines");
    await page.getByLabel("CSV file").setInputFiles({
      name: "list.csv",
      mimeType: "text/csv",
      buffer: Buffer.from(
        "email\nreader.one@example.org\nnot-an-address\nREADER.ONE@example.org\nreader.two@example.org\n",
      ),
    });
    await page.getByRole("button", { name: "Import" }).click();
    await page.getByText(/^Added 2 pending/).waitFor();
    const skipped = page.getByRole("list", { name: "Lines skipped" });
    expect(await skipped.locator("li").allTextContents()).toEqual(
      expect.arrayContaining([expect.stringMatching(/^Line 3 \(bad\)/)]),
    );
    await page.getByRole("cell", { name: "reader.two@example.org" }).waitFor();
    await page.getByLabel("Search addresses").fill("reader.two");
    await page.getByRole("button", { name: "Search" }).click();
    await expect.poll(() => page.locator("table.list tbody tr").count()).toBe(1);
    const exportHref = await page.getByRole("link", { name: "Export CSV" }).getAttribute("href");
    const csv = await page.evaluate((url) => fetch(url!).then((r) => r.text()), exportHref);
    expect(csv).toContain("reader.one@example.org");
    await expectAxeClean("subscribers");
    await photograph("subscribers");
  });

  it("shows a send that waits for its next try and one that failed, resumes it and retries the failed", async () => {
    const db = site.db;
    const edition = await db
      .selectFrom("briefings")
      .select(["id", "edition_date"])
      .where("newsletter", "=", "morning-headlines")
      .orderBy("id", "desc")
      .executeTakeFirstOrThrow();
    const key = `morning-headlines/${edition.edition_date}`;
    const at = new Date().toISOString();
    const people = await db
      .insertInto("subscribers")
      .values(["waits@example.org", "failed@example.org"].map((email) => ({ email, created_at: at, updated_at: at })))
      .returning("id")
      .execute();
    await db.updateTable("briefings").set({ send_status: "sending" }).where("id", "=", edition.id).execute();
    await db
      .insertInto("deliveries")
      .values(
        people.map((p, i) => ({
          edition: key,
          subscriber_id: p.id,
          status: i === 0 ? ("queued" as const) : ("failed" as const),
          attempts: 1,
          message_id: `<resume.${p.id}@example.org>`,
          retry_at: i === 0 ? new Date(Date.now() + 3_600_000).toISOString() : null,
          updated_at: at,
        })),
      )
      .execute();
    await page.goto(`${site.baseUrl}/newsroom/editions/${edition.id}`);
    await page.getByText("Waiting to retry", { exact: true }).first().waitFor();
    await page.getByText(/Delivered \d+, waiting 1, failed 1; next try/).waitFor();
    await expectAxeClean("edition waiting to retry");
    await page.getByRole("button", { name: "Resume sending now" }).click();
    await page.getByText("Sending what is waiting now.").waitFor();
    await page.getByRole("button", { name: "Retry 1 failed" }).click();
    await page.getByText("Retrying the failed deliveries.").waitFor();
    const jobs = await db.selectFrom("jobs").select("payload").where("name", "=", "newsletter.deliver").execute();
    expect(jobs.map((j) => JSON.parse(j.payload))).toEqual([{ editionId: edition.id }, { editionId: edition.id }]);
  });
  it("composes the next edition ahead, adds a story to it and shows when it goes", async () => {
    // Today's edition is under way (the test before), so the next one is the next send day's.
    await page.goto(`${site.baseUrl}/newsroom/newsletters/morning-headlines`);
    await page.getByRole("heading", { name: "The next edition" }).waitFor();
    await expectAxeClean("editions with compose");
    await photograph("editions-compose");
    await page.getByRole("button", { name: "Compose the next edition" }).click();
    const title = page.getByRole("heading", {
      level: 1,
      name: /^London Daily Morning Headlines - \w+day, \w+ \d{1,2} \d{4}$/,
    });
    await title.waitFor();
    await page.getByText(/^Scheduled: it goes at .+ unless it is held\. Until then/).waitFor();
    expect(await page.getByRole("button", { name: "Send now…" }).count()).toBe(0);

    const before = await itemTitles();
    const select = page.getByLabel("Add a published story");
    const option = (await select.locator("option").allTextContents())[1]!;
    await select.selectOption({ label: option });
    await page.getByRole("button", { name: "Add to the edition" }).click();
    // Focus goes to the added story's line, so its line can be written at once.
    await expect.poll(() => page.evaluate(() => document.activeElement?.id ?? "")).toMatch(/^line-\d+$/);
    expect(await itemTitles()).toEqual([...before, option]);
    await expect.poll(() => page.locator(".unsaved-warning").count()).toBe(2);
    await expectAxeClean("next edition with an added story");
    await photograph("edition-next");
    await page.getByRole("button", { name: "Save the edition" }).click();
    await expect.poll(() => page.locator(".unsaved-warning").count()).toBe(0);
    await page.reload();
    await title.waitFor();
    expect(await itemTitles()).toEqual([...before, option]);
    // Its line is the story's own standfirst (or headline), given by the server.
    expect(await page.locator(".edition-line").last().inputValue()).not.toBe("");
    await page.goto(`${site.baseUrl}/newsroom/newsletters/morning-headlines`);
    await page.getByText("Composed ahead").waitFor();
  });
});
