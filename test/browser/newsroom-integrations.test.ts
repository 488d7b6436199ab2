import type { BrowserContext, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DemoSite, PHONE, axeViolations, screenshot, startDemoSite } from "../support/browser.js";
import { signedIn } from "../support/newsroom-session.js";
import { type WebhookReceiver, startWebhookReceiver } from "../support/webhook-receiver.js";

// Integrations and webhooks in Chromium, by keyboard: an admin makes an integration, copies its key
// (shown once, never again) and revokes it; registers a webhook to a local receiver (after allowing
// 127.0.0.1, as the app requires for a loopback address), sends a test, watches it arrive in the
// log, and sends it again. The receiver checks every signature with the secret the page showed.
// Then its Admin API reference. Checked by axe, photographed at 1280 and 360 px.

const WIDE = { width: 1280, height: 900 };

let site: DemoSite;
let receiver: WebhookReceiver;
let secret = "";
const contexts: BrowserContext[] = [];

describe("the newsroom's integrations and webhooks", () => {
  beforeAll(async () => {
    site = await startDemoSite({ jobs: true });
    receiver = await startWebhookReceiver(undefined, () => secret);
  });
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await site?.close();
    await receiver?.close();
  });

  async function asAdmin(): Promise<Page> {
    const session = await signedIn(site.db, "admin");
    const context = await site.browser.newContext({
      viewport: WIDE,
      reducedMotion: "reduce",
      permissions: ["clipboard-read", "clipboard-write"],
    });
    contexts.push(context);
    await context.addCookies([{ name: "ld_session", value: session.cookie.split("=")[1]!, url: site.baseUrl }]);
    const page = await context.newPage();
    page.on("pageerror", (err) => {
      throw err;
    });
    page.on("dialog", (dialog) => void dialog.accept());
    return page;
  }

  /** Presses Tab until `target` has the focus, as a keyboard user would, failing after `max` presses. */
  async function tabTo(page: Page, target: Locator, max = 60) {
    for (let i = 0; i < max; i += 1) {
      if (await target.evaluate((el) => el === document.activeElement)) return;
      await page.keyboard.press("Tab");
    }
    throw new Error(`Tab never reached ${target.toString()}`);
  }
  const focused = (target: Locator) => target.evaluate((el) => el === document.activeElement);
  const clipboard = (page: Page) => page.evaluate(() => navigator.clipboard.readText());

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
  const adminApi = (key: string) =>
    fetch(`${site.baseUrl}/api/admin/v1/sections`, { headers: { authorization: `Bearer ${key}` } });

  it("makes an integration, shows its key once to copy, and revokes it", async () => {
    const page = await asAdmin();
    await page.goto(`${site.baseUrl}/newsroom/integrations`);
    await page.getByRole("heading", { name: "Integrations", level: 1 }).waitFor();
    await expectAxeClean(page, "integrations, empty");

    await tabTo(page, page.getByLabel("Name"));
    await page.keyboard.type("Apple News");
    for (const scope of ["content:read", "drafts:write"]) {
      await tabTo(page, page.getByRole("checkbox", { name: new RegExp(`^${scope} `) }));
      await page.keyboard.press("Space");
    }
    await tabTo(page, page.getByRole("button", { name: "Create integration" }));
    await page.keyboard.press("Enter");

    // The key, with the focus on its Copy button: one Enter copies it.
    const copy = page.getByRole("button", { name: "Copy the key" });
    await copy.waitFor();
    expect(await focused(copy)).toBe(true);
    const key = (await page.locator(".secret-value").textContent())!;
    expect(key).toMatch(/^ldk_[\w-]{40,}$/);
    await page.keyboard.press("Enter");
    await page.getByText("Copied the key.").waitFor();
    expect(await clipboard(page)).toBe(key);
    expect((await adminApi(key)).status).toBe(200);
    await expectAxeClean(page, "integrations, key shown");
    await photograph(page, "integrations-key");

    // Dismissed, it is gone from the page; the listing only ever shows its first characters.
    await page.keyboard.press("Tab");
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { name: "The key of Apple News" }).waitFor({ state: "detached" });
    const row = page.getByRole("row").filter({ hasText: "Apple News" });
    await row.getByText("content:read, drafts:write").waitFor();
    expect(await page.content()).not.toContain(key);
    await page.reload();
    await row.waitFor();
    expect(await page.content()).not.toContain(key);
    expect(await row.getByRole("cell").nth(0).textContent()).toBe(`${key.slice(0, 10)}…`);

    await tabTo(page, row.getByRole("button", { name: "Revoke Apple News" }));
    await page.keyboard.press("Enter");
    const revoked = row.getByText(/^Revoked /);
    await revoked.waitFor();
    expect(await focused(revoked)).toBe(true);
    expect((await adminApi(key)).status).toBe(401);
    await expectAxeClean(page, "integrations, revoked");
    await photograph(page, "integrations");
  });

  it("registers a webhook, sends a test, shows the delivery in the log and sends it again", async () => {
    const page = await asAdmin();
    await page.goto(`${site.baseUrl}/newsroom/webhooks`);
    await page.getByRole("heading", { name: "Webhooks", level: 1 }).waitFor();
    await expectAxeClean(page, "webhooks, empty");

    await tabTo(page, page.getByLabel("Name"));
    await page.keyboard.type("Data desk");
    await page.keyboard.press("Tab");
    await page.keyboard.type(receiver.url);
    for (const event of ["article.published", "newsletter.edition_sent"]) {
      await tabTo(page, page.getByRole("checkbox", { name: new RegExp(`^${event} `) }));
      await page.keyboard.press("Space");
    }
    const register = page.getByRole("button", { name: "Register webhook" });
    await tabTo(page, register);
    await page.keyboard.press("Enter");
    // A loopback receiver is refused until an admin allows its host.
    await page.getByRole("alert").filter({ hasText: "127.0.0.1" }).waitFor();

    await tabTo(page, page.getByLabel("Host or address"));
    await page.keyboard.type("127.0.0.1");
    await page.keyboard.press("Enter");
    await page.getByRole("button", { name: "Remove 127.0.0.1" }).waitFor();
    await tabTo(page, register, 80);
    await page.keyboard.press("Enter");

    const copy = page.getByRole("button", { name: "Copy the signing secret" });
    await copy.waitFor();
    expect(await focused(copy)).toBe(true);
    await page.keyboard.press("Enter");
    secret = await clipboard(page);
    expect(secret).toMatch(/^whsec_/);
    expect(await page.locator(".secret-value").textContent()).toBe(secret);
    await expectAxeClean(page, "webhooks, secret shown");
    await page.keyboard.press("Tab");
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { name: "The signing secret of Data desk" }).waitFor({ state: "detached" });

    const hook = page.getByRole("region", { name: "Data desk" });
    await tabTo(page, hook.getByRole("button", { name: "Delivery log of Data desk" }));
    await page.keyboard.press("Enter");
    await hook.getByText("Nothing sent yet.").waitFor();
    await tabTo(page, hook.getByRole("button", { name: "Send a test to Data desk" }));
    await page.keyboard.press("Enter");
    // The log reads itself again until the receiver's answer is in.
    const rows = hook.locator(".delivery-log tbody tr");
    await rows.filter({ hasText: "HTTP 204" }).first().waitFor();
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().getByText("delivered").count()).toBe(1);
    expect(receiver.of("webhook.test")).toHaveLength(1);
    await expectAxeClean(page, "webhooks, delivery log");
    await photograph(page, "webhooks-log");

    await tabTo(page, rows.first().getByRole("button", { name: /^Send again/ }));
    await page.keyboard.press("Enter");
    await expect.poll(() => rows.filter({ hasText: "HTTP 204" }).count(), { timeout: 15_000 }).toBe(2);
    // The same event, delivered twice, each time signed.
    const tests = receiver.of("webhook.test");
    expect(tests).toHaveLength(2);
    expect(tests[1]!.id).toBe(tests[0]!.id);
    expect(tests.every((t) => t.verified)).toBe(true);
    await expectAxeClean(page, "webhooks, sent again");
    await photograph(page, "webhooks");
    // On a phone the log's rows are laid out as two lines each, and are still a table's rows and cells.
    await page.setViewportSize(PHONE);
    await expect.poll(() => hook.getByRole("cell", { name: /^HTTP 204/ }).count()).toBe(2);
    await expectAxeClean(page, "webhooks on a phone");
  });

  it("leads to the Admin API's reference, which passes axe on a phone and a desktop", async () => {
    const page = await asAdmin();
    await page.goto(`${site.baseUrl}/newsroom/webhooks`);
    await tabTo(page, page.getByRole("link", { name: "the Admin API reference" }));
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { name: "London Daily Admin API", level: 1 }).waitFor();
    expect(new URL(page.url()).hash).toBe("#webhooks");
    await page.getByRole("heading", { name: "newsletter.edition_sent", level: 4 }).waitFor();
    await expectAxeClean(page, "Admin API reference");
    await page.setViewportSize(PHONE);
    await expectAxeClean(page, "Admin API reference on a phone");
    // Long paths and payload field names wrap: nothing makes the page scroll sideways (WCAG 1.4.10).
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await screenshot(page, "admin-api-docs-360");
    await page.setViewportSize(WIDE);
    await screenshot(page, "admin-api-docs-1280");
  });
});
