import type { ParsedMail } from "mailparser";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DemoSite, PHONE, axeViolations, screenshot, startDemoSite } from "../support/browser.js";
import { type MailInbox, startMailInbox } from "../support/mail-inbox.js";

// Issue 4: a reader on a phone signs up through the article page's Newsletter block, confirms with
// the link in the email the site really sent (through SMTP, to an in-process inbox), and then
// manages and ends the subscription from the signed preferences page.

const ADDRESS = "phone.reader@example.org";

let inbox: MailInbox;
let site: DemoSite;
let articlePath = "";

beforeAll(async () => {
  inbox = await startMailInbox();
  site = await startDemoSite({ smtpUrl: inbox.url, siteUrlIsAddress: true });
  const home = await (await fetch(`${site.baseUrl}/`)).text();
  articlePath = /<section aria-labelledby="lead-title" class="lead">.*?<a href="([^"]+)"/s.exec(home)![1]!;
});
afterAll(async () => {
  await site?.close();
  await inbox?.close();
});

async function phonePage(): Promise<Page> {
  const context = await site.browser.newContext({ viewport: PHONE, reducedMotion: "reduce" });
  return context.newPage();
}

/** Waits for the preferences form's POST to be answered and its page to load. */
async function posted(page: Page) {
  await page.waitForResponse((r) => r.url().endsWith("/newsletters/preferences") && r.request().method() === "POST");
  await page.waitForLoadState("load");
}

async function expectNoOverflow(page: Page, width: number) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
}

describe("newsletter sign-up, confirmation and unsubscribe in the browser", () => {
  let mail: ParsedMail;
  let confirmUrl = "";
  let page: Page;

  beforeAll(async () => {
    page = await phonePage();
  });
  afterAll(() => page?.context().close());

  it("signs up with the keyboard from the article page's Newsletter block", async () => {
    await page.goto(`${site.baseUrl}${articlePath}`, { waitUntil: "load" });
    const block = page.locator(".newsletter-signup").first();
    expect(await block.getByRole("heading", { name: "Newsletter" }).isVisible()).toBe(true);
    const field = block.getByLabel("Email address");
    await field.focus();
    await page.keyboard.type(ADDRESS);
    expect(await field.inputValue()).toBe(ADDRESS);
    await Promise.all([page.waitForURL(/\/newsletters\/check-your-inbox/), page.keyboard.press("Enter")]);
    expect(await page.locator("h1").textContent()).toBe("Check your inbox");
    expect(await page.getByRole("link", { name: "Back to where you were" }).getAttribute("href")).toBe(articlePath);
    await expectNoOverflow(page, PHONE.width);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, "newsletter-check-inbox-phone");
  });

  it("sends one confirmation email that reads right as HTML and as plain text", async () => {
    await inbox.waitFor(1);
    const mails = inbox.messages.filter((m) => m.to && !Array.isArray(m.to) && m.to.value[0]?.address === ADDRESS);
    expect(mails).toHaveLength(1);
    mail = mails[0]!;
    expect(mail.subject).toBe("Confirm your London Daily newsletters");
    expect(typeof mail.html).toBe("string");

    // As a mail client would show it: the HTML alone, no site styles or scripts.
    const reader = await phonePage();
    await reader.setContent(mail.html as string, { waitUntil: "load" });
    const button = reader.getByRole("link", { name: "Yes, sign me up" });
    expect(await button.isVisible()).toBe(true);
    confirmUrl = (await button.getAttribute("href"))!;
    expect(confirmUrl.startsWith(`${site.baseUrl}/newsletters/confirm?token=`)).toBe(true);
    expect(await reader.getByText(/asked to receive Morning Headlines from London Daily/).isVisible()).toBe(true);
    await screenshot(reader, "newsletter-confirmation-email-phone");
    const phoneOverflow = await reader.evaluate(() => document.documentElement.scrollWidth);
    await reader.setViewportSize({ width: 1280, height: 900 });
    await screenshot(reader, "newsletter-confirmation-email-desktop");
    await reader.context().close();
    expect(phoneOverflow).toBeLessThanOrEqual(PHONE.width);

    // The plain-text part carries the same link, whole, on a line of its own after the same words.
    expect(mail.text).toContain("asked to receive Morning Headlines from London Daily");
    const lines = mail.text!.split(/\r?\n/).map((l) => l.trim());
    expect(lines[lines.indexOf("Yes, sign me up:") + 1]).toBe(confirmUrl);
  });

  it("confirms through the emailed link and links to the signed preferences page", async () => {
    expect(confirmUrl).not.toBe("");
    const response = await page.goto(confirmUrl, { waitUntil: "load" });
    expect(response?.status()).toBe(200);
    // The link asks; the button confirms (a POST), so a mail scanner following links signs nobody up.
    expect(await page.locator("h1").textContent()).toBe("Confirm your subscription");
    expect(await axeViolations(page)).toEqual([]);
    await Promise.all([
      page.waitForURL(/\/newsletters\/confirm\?token=/),
      page.getByRole("button", { name: "Yes, sign me up" }).click(),
    ]);
    expect(await page.locator("h1").textContent()).toBe("You are signed up");
    expect(await page.locator(".notice-page li").allTextContents()).toEqual([
      expect.stringMatching(/^Morning Headlines: /),
    ]);
    await expectNoOverflow(page, PHONE.width);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, "newsletter-confirmed-phone");

    await Promise.all([
      page.waitForURL(/\/newsletters\/preferences\?/),
      page.getByRole("link", { name: "Manage your newsletters" }).click(),
    ]);
    expect(await page.locator("h1").textContent()).toBe("Your newsletters");
    expect(await page.locator(".notice-page strong").first().textContent()).toBe(ADDRESS);
    expect(await page.locator("#pref-morning-headlines").isChecked()).toBe(true);
    expect(await page.locator("#pref-paused").isChecked()).toBe(false);
    await expectNoOverflow(page, PHONE.width);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, "newsletter-preferences-phone");
  });

  it("unticks Morning Headlines and saves, then unsubscribes from everything", async () => {
    const preferencesUrl = page.url();
    await page.locator("#pref-morning-headlines").focus();
    await page.keyboard.press("Space");
    expect(await page.locator("#pref-morning-headlines").isChecked()).toBe(false);
    await Promise.all([posted(page), page.getByRole("button", { name: "Save my choices" }).click()]);
    await expect.poll(() => page.locator("[role=status]").textContent()).toBe("Your choices are saved.");
    expect(await page.locator("#pref-morning-headlines").isChecked()).toBe(false);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, "newsletter-preferences-saved-phone");

    // A reader who comes back through the same link can leave altogether.
    await page.goto(preferencesUrl, { waitUntil: "load" });
    expect(await page.locator("#pref-morning-headlines").isChecked()).toBe(false);
    await Promise.all([posted(page), page.getByRole("button", { name: "Unsubscribe from everything" }).click()]);
    await expect
      .poll(() => page.locator("[role=status]").textContent())
      .toBe("You are unsubscribed from everything. We will not email you again.");
    expect(await page.locator("input[name=newsletter]:checked").count()).toBe(0);
    await expectNoOverflow(page, PHONE.width);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, "newsletter-unsubscribed-phone");
    // Nothing more was sent: unsubscribing sends no email.
    expect(inbox.messages).toHaveLength(1);
  });
});
