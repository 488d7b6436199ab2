import type { Browser, BrowserContext, Page } from "playwright-core";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DemoSite, PHONE, axeViolations, screenshot, startDemoSite } from "../support/browser.js";
import { type MailInbox, startMailInbox } from "../support/mail-inbox.js";

// The newsroom as people use it, in Debian's Chromium on the demo site: the first administrator
// sets the newsroom up and invites a contributor and an editor; the contributor writes a story
// with a heading and an uploaded image and submits it; the editor approves and publishes it;
// the story is on the public site. Main views are checked by axe and photographed at 1280 and
// 360 px.

const WIDE = { width: 1280, height: 900 };
const PASSWORD = "river-lantern-quartz-81";
const HEADLINE = "Night ferries return to the Thames after five years";

let inbox: MailInbox;
let site: DemoSite;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  inbox = await startMailInbox();
  site = await startDemoSite({ smtpUrl: inbox.url, siteUrlIsAddress: true });
});
afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await site?.close();
  await inbox?.close();
});

async function newPage(browser: Browser, viewport = WIDE): Promise<Page> {
  const context = await browser.newContext({ viewport, reducedMotion: "reduce" });
  contexts.push(context);
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

/** The same view photographed wide and on a phone. */
async function photograph(page: Page, name: string) {
  await screenshot(page, `newsroom-${name}-1280`);
  await page.setViewportSize(PHONE);
  await screenshot(page, `newsroom-${name}-360`);
  await page.setViewportSize(WIDE);
}

async function invitationLink(address: string, count: number): Promise<string> {
  const mails = await inbox.waitFor(count, 15_000);
  const mail = mails.find((m) => m.to && !Array.isArray(m.to) && m.to.value[0]?.address === address);
  expect(mail, `an invitation to ${address}`).toBeDefined();
  const link = /https?:\/\/[^\s"<>]+\/newsroom\/invitation#token=[\w-]+/.exec(String(mail!.text))?.[0];
  expect(link).toBeDefined();
  return link!;
}

async function acceptInvitation(link: string, name: string): Promise<Page> {
  const page = await newPage(site.browser);
  await page.goto(link);
  await page.getByRole("heading", { name: "Join the newsroom" }).waitFor();
  await page.getByLabel("Your name").fill(name);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Join" }).click();
  await page.getByRole("heading", { name: "Articles" }).waitFor();
  return page;
}

let admin: Page;
let contributor: Page;
let editor: Page;
let articleUrl = "";

describe("the newsroom", () => {
  it("serves the app shell without inline scripts, and asks for the first administrator", async () => {
    const res = await fetch(`${site.baseUrl}/newsroom/articles/1`);
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("content-security-policy")).toContain("script-src 'self'");

    const page = (admin = await newPage(site.browser));
    await page.goto(`${site.baseUrl}/newsroom`);
    await page.getByRole("heading", { name: "Set up the newsroom" }).waitFor();
    await expect.poll(() => page.url()).toMatch(/\/newsroom\/setup$/);
    expect(await page.locator("html").getAttribute("lang")).toBe("en-GB");
    await expectAxeClean(page, "setup");
    await photograph(page, "setup");
    await page.getByLabel("Your name").fill("Ada Admin");
    await page.getByLabel("Email").fill("admin@example.org");
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Create the administrator account" }).click();
    await page.getByRole("heading", { name: "Articles" }).waitFor();
    expect(await page.title()).toMatch(/^Articles · Newsroom · /);

    // Invite a contributor and an editor.
    await page.getByRole("link", { name: "Users" }).click();
    await page.getByRole("heading", { name: "Users" }).waitFor();
    for (const [email, role] of [
      ["cleo@example.org", "contributor"],
      ["eddie@example.org", "editor"],
    ] as const) {
      await page.getByLabel("Email").fill(email);
      await page.getByLabel("Role", { exact: true }).selectOption(role);
      await page.getByRole("button", { name: "Send invitation" }).click();
      await page.getByText(`Invitation sent to ${email}`).waitFor();
    }
    await expectAxeClean(page, "users");
    await photograph(page, "users");
  });

  it("lets a contributor write a story with a paragraph and a heading, saved as they type", async () => {
    contributor = await acceptInvitation(await invitationLink("cleo@example.org", 2), "Cleo Contributor");
    const page = contributor;
    await expectAxeClean(page, "article list");
    await photograph(page, "articles");

    await page.getByRole("button", { name: "New article" }).click();
    await page.waitForURL(/\/newsroom\/articles\/\d+$/);
    const body = page.getByRole("textbox", { name: "Article body" });
    await body.waitFor();

    await page.getByLabel("Kicker").fill("Transport");
    // Typed key by key, as a person does: the view's title follows the headline without taking focus.
    await page.getByLabel("Headline").click();
    await page.keyboard.type(HEADLINE);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("headline");
    // The title follows after the last render (an effect), so wait for it rather than read it at once.
    await expect.poll(() => page.title()).toContain(HEADLINE);
    await page.getByLabel("Standfirst").fill("Three boats will run between Woolwich and Westminster until 2 a.m.");
    await body.click();
    await page.keyboard.type("The first boat leaves Woolwich pier at half past eleven.");
    await page.keyboard.press("Enter");
    await page.getByRole("button", { name: "H2", exact: true }).click();
    await page.keyboard.type("Who runs them");
    await page.keyboard.press("Enter");
    await page.keyboard.type("A new operator won the contract in the spring.");
    expect(await page.locator(".ed-body h2").textContent()).toBe("Who runs them");

    // Byline: the contributor's own profile is there from the start, and the picker offers no staff
    // byline nobody opened to co-bylines (docs/adr/025).
    await expect.poll(() => page.locator(".picker ol.ordered li").first().textContent()).toContain("Cleo Contributor");
    await page.getByText("You can add yourself and the co-authors editors allow").waitFor();
    expect(await page.getByLabel("Add an author").locator("option").count()).toBe(1);

    await expect
      .poll(() => page.locator(".save-status [role=status]").textContent(), { timeout: 10_000 })
      .toMatch(/^Saved/);
    await expect(page.getByLabel("Slug (the address)").inputValue()).resolves.toBe(
      "night-ferries-return-to-the-thames-after-five-years",
    );
    expect(await page.locator(".counts").textContent()).toMatch(/^\d+ words · 1 min read$/);
    await expectAxeClean(page, "editor");
    await photograph(page, "editor");
  });

  it("keeps edits made offline and saves them when the connection returns", async () => {
    const page = contributor;
    const status = page.locator(".save-status [role=status]");
    await page.context().setOffline(true);
    await page
      .getByLabel("Standfirst")
      .fill("Three boats will run between Woolwich and Westminster until 2 a.m. nightly.");
    await expect.poll(() => status.textContent(), { timeout: 10_000 }).toMatch(/^Offline/);
    const articleId = Number(/\/articles\/(\d+)$/.exec(page.url())![1]);
    const kept = await page.evaluate((id) => localStorage.getItem(`ld:newsroom:edits:${id}`), articleId);
    expect(JSON.parse(kept!).patch.standfirst).toMatch(/nightly\.$/);
    await page.context().setOffline(false);
    await expect.poll(() => status.textContent(), { timeout: 10_000 }).toMatch(/^Saved/);
    expect(await page.evaluate((id) => localStorage.getItem(`ld:newsroom:edits:${id}`), articleId)).toBeNull();
  });

  it("shows a conflict when someone else saved first, and keeps what the contributor typed", async () => {
    const page = contributor;
    const articleId = Number(/\/articles\/(\d+)$/.exec(page.url())![1]);
    // The administrator changes the kicker through the API while the contributor edits.
    const session = await (await admin.request.get(`${site.baseUrl}/api/newsroom/session`)).json();
    const current = await (await admin.request.get(`${site.baseUrl}/api/newsroom/articles/${articleId}`)).json();
    const res = await admin.request.put(`${site.baseUrl}/api/newsroom/articles/${articleId}`, {
      headers: { "x-csrf-token": session.csrfToken },
      data: { baseVersion: current.version, kicker: "River transport" },
    });
    expect(res.status()).toBe(200);

    await page.getByLabel("Headline").fill(`${HEADLINE}!`);
    const conflict = page.getByRole("region", { name: "Someone else saved this article" });
    await conflict.waitFor({ timeout: 10_000 });
    await expectAxeClean(page, "conflict view");
    await photograph(page, "conflict");
    expect(await conflict.locator("tbody tr").count()).toBe(1);
    await expect(conflict.textContent()).resolves.toContain("They also changed Kicker");
    await conflict.getByRole("button", { name: "Keep all of mine" }).click();
    await conflict.waitFor({ state: "detached" });
    await expect
      .poll(() => page.locator(".save-status [role=status]").textContent(), { timeout: 10_000 })
      .toMatch(/^Saved/);
    await expect(page.getByLabel("Kicker").inputValue()).resolves.toBe("River transport");
    const saved = await (await admin.request.get(`${site.baseUrl}/api/newsroom/articles/${articleId}`)).json();
    expect(saved).toMatchObject({ headline: `${HEADLINE}!`, kicker: "River transport" });
    await page.getByLabel("Headline").fill(HEADLINE);
    await expect
      .poll(() => page.locator(".save-status [role=status]").textContent(), { timeout: 10_000 })
      .toMatch(/^Saved/);
  });

  it("lists revisions, compares two word by word and restores one", async () => {
    const page = contributor;
    await page.locator("summary", { hasText: "Revisions" }).click();
    const panel = page.locator("details.revisions");
    const boxes = panel.getByRole("checkbox");
    await expect.poll(() => boxes.count(), { timeout: 10_000 }).toBeGreaterThan(1);
    await boxes.nth(0).check();
    await boxes.nth((await boxes.count()) - 1).check();
    await panel.getByRole("button", { name: "Compare the two ticked" }).click();
    const diff = panel.getByRole("region", { name: "Differences" });
    await diff.waitFor();
    expect(await diff.locator("ins, del").count()).toBeGreaterThan(0);
    await expectAxeClean(page, "revisions");
    await photograph(page, "revisions");
    // Restoring the newest revision keeps the text as it is and is saved as a new version.
    const before = await page.getByLabel("Headline").inputValue();
    await panel
      .getByRole("button", { name: /^Restore version/ })
      .first()
      .click();
    await expect
      .poll(() => page.locator(".save-status [role=status]").textContent(), { timeout: 10_000 })
      .toMatch(/^Saved/);
    await expect(page.getByLabel("Headline").inputValue()).resolves.toBe(before);
    await page.locator("summary", { hasText: "Revisions" }).click();
  });

  it("lets the contributor upload an image with alt text into the story", async () => {
    const page = contributor;
    const png = await sharp({ create: { width: 640, height: 400, channels: 3, background: "#2a6f97" } })
      .png()
      .toBuffer();
    await page.locator(".ed-body p").last().click();
    await page.keyboard.press("End");
    await page.getByRole("button", { name: "Image", exact: true }).click();
    const dialog = page.getByRole("dialog", { name: "Choose an image" });
    await dialog.waitFor();
    await expectAxeClean(page, "media picker");
    await dialog.locator('input[type="file"]').setInputFiles({ name: "ferry.png", mimeType: "image/png", buffer: png });
    await dialog.getByLabel(/^Alt text/).fill("A ferry at Woolwich pier at night");
    await dialog.getByLabel("Credit").fill("London Daily");
    await dialog.getByRole("button", { name: "Upload" }).click();
    await dialog.waitFor({ state: "detached", timeout: 10_000 });
    await expect.poll(() => page.locator(".ed-body figure[data-media-id]").count()).toBe(1);
    await expect
      .poll(() => page.locator(".save-status [role=status]").textContent(), { timeout: 10_000 })
      .toMatch(/^Saved/);
    await photograph(page, "editor-with-image");
  });

  it("lets the contributor submit it for review, without a publish button", async () => {
    const page = contributor;
    // Close the picker if the upload step failed and left it open.
    if (await page.getByRole("dialog").count()) await page.keyboard.press("Escape");
    await page.getByRole("button", { name: "Submit for review" }).click();
    await page.getByLabel("Note (optional)").fill("Ready for a read.");
    await page.locator("form.panel").getByRole("button", { name: "Submit for review" }).click();
    await expect.poll(() => page.locator(".view-head .status").textContent()).toBe("In review");
    expect(await page.getByRole("button", { name: /publish/i }).count()).toBe(0);
  });

  it("lets an editor approve and publish it from the review queue, and the site shows it", async () => {
    editor = await acceptInvitation(await invitationLink("eddie@example.org", 2), "Eddie Editor");
    const page = editor;
    await page.getByRole("link", { name: "Review queue" }).click();
    await page.getByRole("heading", { name: "Review queue" }).waitFor();
    await page.getByRole("link", { name: HEADLINE }).waitFor();
    await expectAxeClean(page, "review queue");
    await photograph(page, "review-queue");
    await page.getByRole("link", { name: HEADLINE }).click();
    await page.getByRole("textbox", { name: "Article body" }).waitFor();
    await page.getByRole("button", { name: "Approve & publish" }).click();
    await expect.poll(() => page.locator(".view-head .status").textContent(), { timeout: 10_000 }).toBe("Published");
    articleUrl = (await page.getByRole("link", { name: "View on the site" }).getAttribute("href")) ?? "";
    expect(articleUrl).toMatch(/\/night-ferries-return-to-the-thames-after-five-years$/);

    const reader = await newPage(site.browser);
    const res = await reader.goto(`${site.baseUrl}${articleUrl}`);
    expect(res?.status()).toBe(200);
    await expect(reader.locator("h1").textContent()).resolves.toBe(HEADLINE);
    expect(await reader.getByRole("heading", { name: "Who runs them" }).count()).toBe(1);
    await screenshot(reader, "newsroom-published-article-1280");
  });

  it("shows the uploaded image with its alt text on the public page", async () => {
    const reader = await newPage(site.browser);
    await reader.goto(`${site.baseUrl}${articleUrl}`);
    expect(await reader.getByAltText("A ferry at Woolwich pier at night").count()).toBeGreaterThan(0);
  });

  it("keeps readers on the published text while a story is edited, until an editor presses Update", async () => {
    // A new reader each time: pages are cacheable for a minute (max-age=60), as readers' browsers keep them.
    const readerSees = async () => {
      const reader = await newPage(site.browser);
      await reader.goto(`${site.baseUrl}${articleUrl}`);
      return (await reader.locator("main").textContent()) ?? "";
    };
    const typeAtEnd = async (page: Page, text: string) => {
      const body = page.getByRole("textbox", { name: "Article body" });
      await body.getByText("The first boat leaves Woolwich pier").click();
      await page.keyboard.press("End");
      await page.keyboard.type(text);
      await expect
        .poll(() => page.locator(".save-status [role=status]").textContent(), { timeout: 15_000 })
        .toMatch(/^Saved/);
    };

    // The editor types into the published story: autosave keeps it, readers do not see it.
    await typeAtEnd(editor, " Tickets go on sale on Friday.");
    await expect
      .poll(() => editor.locator(".view-head .status").textContent(), { timeout: 10_000 })
      .toBe("Published — 1 unpublished change");
    expect(await readerSees()).not.toContain("Tickets go on sale");
    await screenshot(editor, "newsroom-unpublished-changes-1280");
    await editor.getByRole("button", { name: "Update", exact: true }).click();
    await expect.poll(() => editor.locator(".view-head .status").textContent(), { timeout: 10_000 }).toBe("Published");
    expect(await readerSees()).toContain("Tickets go on sale on Friday.");

    // The contributor's edit to the published story goes to review, not live.
    await contributor.goto(`${site.baseUrl}/newsroom/articles/${/\d+$/.exec(editor.url())![0]}`);
    await typeAtEnd(contributor, " Prices are unconfirmed.");
    await expect
      .poll(() => contributor.locator(".view-head .status").textContent(), { timeout: 10_000 })
      .toMatch(/^Published — \d unpublished change/);
    expect(await contributor.getByRole("button", { name: "Update", exact: true }).count()).toBe(0);
    await contributor.getByText("Your changes wait for an editor's review").waitFor();
    expect(await readerSees()).not.toContain("Prices are unconfirmed");
    await editor.getByRole("link", { name: "Review queue" }).click();
    const row = editor.getByRole("row").filter({ has: editor.getByRole("link", { name: HEADLINE }) });
    await row.getByText("Unpublished changes").waitFor();
    await screenshot(editor, "newsroom-review-queue-pending-1280");
  });

  it("has axe-clean management views a keyboard can work", async () => {
    const page = editor;
    await page.getByRole("link", { name: "Front page" }).click();
    await page.getByRole("heading", { name: "Front page" }).waitFor();
    await page.getByLabel("Add a published story").waitFor();
    await expectAxeClean(page, "front page");
    await photograph(page, "front-page");
    const items = page.locator(".sortable li");
    if ((await items.count()) >= 2) {
      const second = await items.nth(1).locator(".grow").textContent();
      await items.nth(1).getByRole("button", { name: "Up" }).focus();
      await page.keyboard.press("Enter");
      await expect(items.nth(0).locator(".grow").textContent()).resolves.toBe(second);
    }
    for (const heading of ["Media", "Sections", "Tags", "Authors", "Audit log"]) {
      await page.getByRole("link", { name: heading, exact: true }).click();
      await page.getByRole("heading", { name: heading, exact: true }).waitFor();
      await page.waitForLoadState("networkidle");
      await expectAxeClean(page, heading);
      await photograph(page, heading.toLowerCase().replace(/\W+/g, "-"));
    }
    // Edit an image's words and focal point from the library, by keyboard.
    await page.getByRole("link", { name: "Media", exact: true }).click();
    await page.getByRole("button", { name: /^Edit: A ferry at Woolwich/ }).focus();
    await page.keyboard.press("Enter");
    const form = page.getByRole("form", { name: "Edit the image" });
    await form.getByLabel("Caption").fill("The first night ferry");
    await form.getByLabel("Across").fill("0.3");
    await form.getByRole("button", { name: "Save image details" }).click();
    await form.getByText("Saved.").waitFor();
    await expectAxeClean(page, "media editor");
    await photograph(page, "media-editor");

    await page.getByRole("link", { name: /^Eddie Editor/ }).click();
    await page.getByRole("heading", { name: "Your account" }).waitFor();
    await expectAxeClean(page, "account");
    await photograph(page, "account");
  });
});
