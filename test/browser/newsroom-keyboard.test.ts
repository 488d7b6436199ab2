import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertUser } from "../../src/newsroom/auth/accounts.js";
import { type DemoSite, SCREENSHOT_DIR, axeViolations, screenshot, startDemoSite } from "../support/browser.js";

// The newsroom from the keyboard alone (issue 18): a writer signs in, writes a story and submits
// it for review; an editor opens the review queue and publishes it. Every step presses keys and
// asserts where focus is and what is read out. Then the controls that acted on every arrow key,
// the focus after moves and removals, the folded menu, the top bar's hover contrast and the
// pinned toolbar at 320 px and at 400 % zoom.

const WIDE = { width: 1280, height: 900 };
const PASSWORD = "harbour-violet-engine-62";
const HEADLINE = "Lamplighters return to the Strand for one winter night";

let site: DemoSite;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  site = await startDemoSite();
  const now = new Date();
  for (const [email, name, role] of [
    ["wren@example.org", "Wren Writer", "writer"],
    ["esme@example.org", "Esme Editor", "editor"],
    ["abe@example.org", "Abe Admin", "admin"],
  ] as const)
    await insertUser(site.db, { email, name, role, password: PASSWORD }, now);
});
afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await site?.close();
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

interface Focused {
  tag: string;
  id: string;
  /** What a screen reader would call it: aria-label, its label, else its text. */
  name: string;
  expanded: string | null;
}

/** The focused element, described. */
function focused(page: Page): Promise<Focused> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el) return { tag: "", id: "", name: "", expanded: null };
    const labelled = el.getAttribute("aria-label");
    const label = (el as HTMLInputElement).labels?.[0]?.textContent;
    return {
      tag: el.tagName.toLowerCase(),
      id: el.id,
      name: (labelled ?? label ?? el.textContent ?? "").replace(/\s+/g, " ").trim(),
      expanded: el.getAttribute("aria-expanded"),
    };
  });
}

/** Tabs (forward, or back with `back`) until `match` holds for the focused element. */
async function tabTo(page: Page, match: (f: Focused) => boolean, back = false, max = 80): Promise<Focused> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(back ? "Shift+Tab" : "Tab");
    const f = await focused(page);
    if (match(f)) return f;
  }
  throw new Error(`not reached by Tab: now on ${JSON.stringify(await focused(page))}`);
}

/** Focus moves after a render (and TipTap focuses on the next frame): wait for it. */
async function expectFocus(page: Page, expected: Partial<Focused>): Promise<void> {
  await expect.poll(() => focused(page), { timeout: 5_000 }).toMatchObject(expected);
}

const announced = (page: Page) => page.locator("#newsroom-announcer").textContent();

async function expectAxeClean(page: Page, what: string) {
  const violations = await axeViolations(page);
  expect(violations, `${what}: ${JSON.stringify(violations, null, 1)}`).toEqual([]);
}

async function signIn(page: Page, email: string): Promise<void> {
  await page.goto(`${site.baseUrl}/newsroom`);
  await page.getByRole("heading", { name: "Sign in" }).waitFor();
  await expectFocus(page, { tag: "h1", name: "Sign in" });
  await tabTo(page, (f) => f.name === "Email");
  await page.keyboard.type(email);
  await page.keyboard.press("Tab");
  await expectFocus(page, { name: "Password" });
  await page.keyboard.type(PASSWORD);
  await page.keyboard.press("Enter");
  await page.getByRole("heading", { name: "Articles" }).waitFor();
  await expectFocus(page, { tag: "h1", name: "Articles" });
}

let writer: Page;
let editor: Page;
let storyPath = "";

describe("the newsroom from the keyboard", () => {
  it("takes a writer from sign-in to a story in the text without losing a word", async () => {
    const page = (writer = await newPage(site.browser));
    await signIn(page, "wren@example.org");
    await tabTo(page, (f) => f.name === "New article");
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/newsroom\/articles\/\d+$/);
    storyPath = new URL(page.url()).pathname;
    await page.getByRole("textbox", { name: "Article body" }).waitFor();
    await expectFocus(page, { tag: "h1" });

    await tabTo(page, (f) => f.id === "headline");
    await page.keyboard.type(HEADLINE);
    await page.keyboard.press("Tab");
    await expectFocus(page, { id: "standfirst" });
    await page.keyboard.type("The last gas lamps in Westminster are lit by hand once more.");
    // One Tab from the Standfirst lands in the text: the toolbar is not 17 stops in the way.
    await page.keyboard.press("Tab");
    await expectFocus(page, { name: "Article body" });
    await page.keyboard.type("Six lamps on Carting Lane burn sewer gas. Read more");
    const body = page.locator(".ed-body");
    expect(await body.locator("p").first().textContent()).toBe("Six lamps on Carting Lane burn sewer gas. Read more");
    expect(await body.locator("strong").count()).toBe(0);

    // Alt+F10 goes to the toolbar; arrows move in it, Home/End to its ends; Escape back to the text.
    await page.keyboard.press("Alt+F10");
    await expectFocus(page, { tag: "button", name: "Bold" });
    const toolbar = page.getByRole("toolbar", { name: "Formatting" });
    expect(await toolbar.locator('button[tabindex="0"]').count()).toBe(1);
    await page.keyboard.press("ArrowRight");
    await expectFocus(page, { name: "Italic" });
    await page.keyboard.press("End");
    await expectFocus(page, { name: "Redo" });
    await page.keyboard.press("ArrowRight");
    await expectFocus(page, { name: "Bold" });
    await page.keyboard.press("ArrowLeft");
    await expectFocus(page, { name: "Redo" });
    await page.keyboard.press("Home");
    await page.keyboard.press("Escape");
    await expectFocus(page, { name: "Article body" });

    // Ctrl+K on the selected words opens the Link panel with focus in it; Escape gives the text back.
    for (let i = 0; i < 4; i++) await page.keyboard.press("Shift+ArrowLeft");
    await page.keyboard.press("Control+k");
    await expectFocus(page, { tag: "input", name: "Link address (https:, http: or mailto:)" });
    await page.keyboard.press("Escape");
    expect(await page.getByRole("form", { name: "Link" }).count()).toBe(0);
    await expectFocus(page, { name: "Article body" });
    await page.keyboard.press("Control+k");
    // The panel's field takes focus after a render: Ctrl+A before that would select the whole text.
    await expectFocus(page, { tag: "input", name: "Link address (https:, http: or mailto:)" });
    await page.keyboard.press("Control+a");
    await page.keyboard.type("https://example.org/lamps");
    await page.keyboard.press("Enter");
    await expect.poll(() => focused(page)).toMatchObject({ name: "Article body" });
    await expect.poll(() => body.locator('a[href="https://example.org/lamps"]').textContent()).toBe("more");
    await expect.poll(() => announced(page)).toBe("Link to https://example.org/lamps applied");

    // The Video and Post link panels: focus in, Escape out, back to the text.
    await page.keyboard.press("End");
    await page.keyboard.press("Alt+F10");
    for (const [tool, field] of [
      ["Video", "Video number (from the video library)"],
      ["Post link", "Post address (https only)"],
    ] as const) {
      while ((await focused(page)).name !== tool) await page.keyboard.press("ArrowRight");
      await page.keyboard.press("Enter");
      await expectFocus(page, { tag: "input", name: field });
      expect(await toolbar.getByRole("button", { name: tool }).getAttribute("aria-expanded")).toBe("true");
      await page.keyboard.press("Escape");
      await expectFocus(page, { name: "Article body" });
      await page.keyboard.press("Alt+F10");
      await expectFocus(page, { name: tool });
    }
    // Tab after the text reaches the toolbar as one stop, and the next Tab leaves it.
    await page.keyboard.press("Escape");
    await expectFocus(page, { name: "Article body" });
    await page.keyboard.press("Tab");
    await expectFocus(page, { name: "Post link" });
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => !!document.activeElement?.closest('[role="toolbar"]'))).toBe(false);

    // A byline, so the story can be published later.
    await tabTo(page, (f) => f.id === "add-author");
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("Enter");
    await expect
      .poll(() => page.locator("fieldset", { hasText: "Authors (in byline order)" }).locator("ol li").count())
      .toBe(1);

    await expect
      .poll(() => page.locator(".save-status [role=status]").textContent(), { timeout: 10_000 })
      .toMatch(/^Saved/);
    await expectAxeClean(page, "editor, keyboard");
  });

  it("lets the writer submit it for review from the keyboard, focus on the result", async () => {
    const page = writer;
    const opener = await tabTo(page, (f) => f.name === "Submit for review");
    expect(opener.expanded).toBe("false");
    await page.keyboard.press("Enter");
    await expectFocus(page, { tag: "textarea", name: "Note (optional)" });
    expect(await page.getByRole("button", { name: "Submit for review", expanded: true }).count()).toBe(1);
    // Escape closes the revealed form and gives focus back to its button.
    await page.keyboard.press("Escape");
    await expectFocus(page, { name: "Submit for review", expanded: "false" });
    await page.keyboard.press("Enter");
    // The revealed form takes focus after a render: typing before that lands on the button (its
    // Space toggles the form shut) and the next Tab goes on from there.
    await expectFocus(page, { tag: "textarea", name: "Note (optional)" });
    await page.keyboard.type("Ready for a read.");
    await page.keyboard.press("Tab");
    await expectFocus(page, { tag: "button", name: "Submit for review" });
    await page.keyboard.press("Enter");
    await expect.poll(() => focused(page)).toMatchObject({ id: "workflow-result", name: "Submitted for review." });
    await expect.poll(() => page.locator(".view-head .status").textContent()).toBe("In review");
    await expectAxeClean(page, "submitted");
    await screenshot(page, "newsroom-keyboard-submitted-1280");
  });

  it("takes an editor from the review queue to Published, focus asserted at each step", async () => {
    const page = (editor = await newPage(site.browser));
    await signIn(page, "esme@example.org");
    // The desk sees the count of stories waiting without opening the queue.
    await expect.poll(() => page.getByRole("link", { name: /^Review queue/ }).textContent()).toMatch(/ \d+ waiting$/);
    await tabTo(page, (f) => f.name.startsWith("Review queue"), true);
    await page.keyboard.press("Enter");
    // Switching Articles ↔ Review queue moves focus to the new heading.
    await expect.poll(() => focused(page)).toMatchObject({ tag: "h1", name: "Review queue" });
    await page.getByRole("link", { name: HEADLINE }).waitFor();
    await tabTo(page, (f) => f.name === HEADLINE);
    await page.keyboard.press("Enter");
    await page.getByRole("textbox", { name: "Article body" }).waitFor();
    await expect.poll(() => focused(page)).toMatchObject({ tag: "h1" });

    // Schedule… reveals its form with focus in it; Cancel goes back to Schedule….
    await tabTo(page, (f) => f.name === "Schedule…");
    await page.keyboard.press("Enter");
    await expectFocus(page, { tag: "input", name: "Date" });
    expect(await page.getByRole("button", { name: "Schedule…" }).getAttribute("aria-expanded")).toBe("true");
    await tabTo(page, (f) => f.name === "Cancel");
    await page.keyboard.press("Enter");
    await expect.poll(() => focused(page)).toMatchObject({ name: "Schedule…", expanded: "false" });

    await page.keyboard.press("Shift+Tab");
    await expectFocus(page, { name: "Approve & publish" });
    await page.keyboard.press("Enter");
    await expect
      .poll(() => focused(page), { timeout: 10_000 })
      .toMatchObject({
        id: "workflow-result",
        name: "Published.",
      });
    await expect.poll(() => page.locator(".view-head .status").textContent()).toBe("Published");
    const url = await page.getByRole("link", { name: "View on the site" }).getAttribute("href");
    const res = await fetch(`${site.baseUrl}${url}`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("Lamplighters return to the Strand");
    await screenshot(page, "newsroom-keyboard-published-1280");
  });

  it("picks the highlighted tag on Enter, and adds an author only on an explicit action", async () => {
    const page = writer;
    // Controlled bylines (docs/adr/025): a writer is offered only their own profile and those an
    // editor opened to co-bylines. Open the demo desk's profiles, so the select has options to
    // arrow through.
    await site.db.updateTable("authors").set({ co_byline: 1 }).where("user_id", "is", null).execute();
    await page.goto(`${site.baseUrl}/newsroom`);
    await tabTo(page, (f) => f.name === "New article");
    await page.keyboard.press("Enter");
    await page.getByRole("textbox", { name: "Article body" }).waitFor();

    // "Hous" while "Housing" is offered: Enter adds Housing, it does not create "Hous".
    await tabTo(page, (f) => f.id === "tag-search");
    await page.keyboard.type("Hous");
    const options = page.getByRole("listbox", { name: "Matching tags" }).getByRole("option");
    await expect.poll(() => options.first().textContent()).toBe("Add “Housing”");
    expect(await options.first().getAttribute("aria-selected")).toBe("true");
    expect(await page.locator("#tag-search").getAttribute("aria-activedescendant")).toBe(
      await options.first().getAttribute("id"),
    );
    await page.keyboard.press("Enter");
    const chips = page.getByRole("list", { name: "Tags on this article" }).getByRole("listitem");
    await expect.poll(() => chips.allTextContents()).toEqual(["Housing×"]);
    await expectFocus(page, { id: "tag-search" });
    // Down to "Create tag …" and Enter creates it.
    await page.keyboard.type("Lamplighting");
    await expect.poll(() => options.last().textContent()).toBe("Create tag “Lamplighting”");
    while ((await options.last().getAttribute("aria-selected")) !== "true") await page.keyboard.press("ArrowDown");
    await page.keyboard.press("Enter");
    await expect.poll(() => chips.count()).toBe(2);
    // Removing a tag keeps focus in the list of tags, then on the search.
    await page.getByRole("button", { name: "Remove tag Housing" }).focus();
    await page.keyboard.press("Enter");
    await expect.poll(() => focused(page)).toMatchObject({ name: "Remove tag Lamplighting" });
    await expect.poll(() => announced(page)).toBe("Tag Housing removed");
    await page.keyboard.press("Enter");
    await expect.poll(() => focused(page)).toMatchObject({ id: "tag-search" });

    // Arrow keys through "Add an author" add nobody; Enter (or the Add button) adds the one shown.
    const authors = page.locator("fieldset", { hasText: "Authors (in byline order)" }).locator("ol li");
    const before = await authors.count();
    await tabTo(page, (f) => f.id === "add-author");
    await expect.poll(() => page.locator("#add-author option").count()).toBeGreaterThan(3);
    for (let i = 0; i < 3; i++) await page.keyboard.press("ArrowDown");
    expect(await authors.count()).toBe(before);
    const chosen = await page.locator("#add-author").evaluate((s: HTMLSelectElement) => s.selectedOptions[0]!.text);
    await page.keyboard.press("Enter");
    await expect.poll(() => authors.count()).toBe(before + 1);
    expect(await authors.last().locator("span").first().textContent()).toBe(chosen);
    await expect.poll(() => focused(page)).toMatchObject({ id: "add-author" });
    await expect.poll(() => announced(page)).toBe(`${chosen} added to the byline`);
    // Removing an author: focus to the next one's Remove, or back to the select.
    await page.getByRole("button", { name: `Remove ${chosen}` }).focus();
    await page.keyboard.press("Enter");
    await expect.poll(() => authors.count()).toBe(before);
    await expect
      .poll(async () => {
        const after = await focused(page);
        return after.id === "add-author" || after.name.startsWith("Remove ");
      })
      .toBe(true);
    await expectAxeClean(page, "tags and authors");
  });

  it("changes a colleague's role only when asked, not on every arrow key", async () => {
    const page = await newPage(site.browser);
    await signIn(page, "abe@example.org");
    await tabTo(page, (f) => f.name === "Users", true);
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { name: "Users", exact: true }).waitFor();
    const select = page.getByLabel("Role of Wren Writer");
    await select.focus();
    for (let i = 0; i < 3; i++) await page.keyboard.press("ArrowDown");
    // Nothing saved: the server still says writer, and the audit log has no role change.
    const roleOnServer = async () =>
      (
        await site.db
          .selectFrom("users")
          .select("role")
          .where("email", "=", "wren@example.org")
          .executeTakeFirstOrThrow()
      ).role;
    await new Promise((r) => setTimeout(r, 300));
    expect(await roleOnServer()).toBe("writer");
    await page.keyboard.press("Tab");
    const button = await focused(page);
    expect(button.name).toMatch(/^Change role of Wren Writer to (editor|admin|contributor)$/);
    const to = /to (\w+)$/.exec(button.name)![1];
    await page.keyboard.press("Enter");
    await expect.poll(roleOnServer).toBe(to);
    await expect.poll(() => announced(page)).toBe(`Wren Writer is now ${to}.`);
    await expect.poll(() => focused(page)).toMatchObject({ name: "Role of Wren Writer" });
    // Put the writer back for the rest of the file.
    await select.selectOption("writer");
    await page.getByRole("button", { name: "Change role of Wren Writer to writer" }).click();
    await expect.poll(roleOnServer).toBe("writer");
    await expectAxeClean(page, "users");
  });

  it("keeps focus on the story that moved or its neighbour on the front page and among sections", async () => {
    const page = editor;
    await page.getByRole("link", { name: "Front page" }).click();
    await page.getByRole("heading", { name: "Front page" }).waitFor();
    const items = page.locator(".sortable li");
    await expect.poll(() => page.locator("#add-top option").count()).toBeGreaterThan(4);
    const start = await items.count();

    // Arrow keys in "Add a published story" add nothing; Enter adds the one shown.
    await page.locator("#add-top").focus();
    for (let n = 1; n <= 3; n++) {
      for (let i = 0; i < 3; i++) await page.keyboard.press("ArrowDown");
      expect(await items.count()).toBe(start + n - 1);
      await page.keyboard.press("Enter");
      await expect.poll(() => items.count()).toBe(start + n);
      await expectFocus(page, { id: "add-top" });
      await expect.poll(() => announced(page)).toMatch(new RegExp(`added at position ${start + n}$`));
    }
    const count = start + 2;

    // Up on the second story: it becomes first, its Up is disabled, focus moves to its Down.
    const second = (await items.nth(1).locator(".grow").textContent())!;
    await items.nth(1).getByRole("button", { name: "Up" }).focus();
    await page.keyboard.press("Enter");
    await expect.poll(() => focused(page)).toMatchObject({ name: `Move “${second}” down` });
    await expect.poll(() => announced(page)).toBe(`${second} moved to position 1 of ${count + 1}`);
    await page.keyboard.press("Enter");
    await expect.poll(() => focused(page)).toMatchObject({ name: `Move “${second}” down` });
    expect(await items.nth(1).locator(".grow").textContent()).toBe(second);
    // Remove: focus on the next story's Remove.
    const next = (await items.nth(2).locator(".grow").textContent())!;
    await items.nth(1).getByRole("button", { name: "Remove" }).focus();
    await page.keyboard.press("Enter");
    await expect.poll(() => focused(page)).toMatchObject({ name: `Remove “${next}”` });
    await expectAxeClean(page, "front page, keyboard");

    // Sections: the moved section keeps focus while the order is saved.
    await page.getByRole("link", { name: "Sections" }).click();
    await page.getByRole("heading", { name: "Sections" }).waitFor();
    const down = page.getByRole("button", { name: "Move UK down" });
    await down.focus();
    await page.keyboard.press("Enter");
    await expect.poll(() => announced(page)).toBe("UK moved to position 2 of 6");
    await expectFocus(page, { name: "Move UK down" });
    await page.getByRole("button", { name: "Move UK up" }).focus();
    await page.keyboard.press("Enter");
    await expect.poll(() => announced(page)).toBe("UK moved to position 1 of 6");
    await expect.poll(() => focused(page)).toMatchObject({ name: "Move UK down" });
    // New section: the form takes focus; Escape closes it and focus goes back to the button.
    await page.getByRole("button", { name: "New section" }).focus();
    await page.keyboard.press("Enter");
    await expect.poll(() => focused(page)).toMatchObject({ name: "Name" });
    await page.keyboard.press("Escape");
    await expect.poll(() => focused(page)).toMatchObject({ name: "New section", expanded: "false" });
  });

  it("moves focus to the comparison and to the image dialog's caller", async () => {
    const page = editor;
    await page.goto(`${site.baseUrl}/newsroom${storyPath.replace(/^\/newsroom/, "")}`);
    await page.getByRole("textbox", { name: "Article body" }).waitFor();
    await page.locator("summary", { hasText: "Revisions" }).click();
    const boxes = page.locator("details.revisions").getByRole("checkbox");
    await expect.poll(() => boxes.count(), { timeout: 10_000 }).toBeGreaterThan(1);
    await boxes.nth(0).check();
    await boxes.nth(1).check();
    await page.getByRole("button", { name: "Compare the two ticked" }).focus();
    await page.keyboard.press("Enter");
    await expect.poll(() => focused(page)).toMatchObject({ tag: "h3", name: "Differences" });

    // Escape in the image dialog opened from the toolbar gives focus back to the text.
    await page.locator(".ed-body p").first().click();
    await page.keyboard.press("Alt+F10");
    while ((await focused(page)).name !== "Image") await page.keyboard.press("ArrowRight");
    await page.keyboard.press("Enter");
    await page.getByRole("dialog", { name: "Choose an image" }).waitFor();
    await page.keyboard.press("Escape");
    await expect.poll(() => focused(page)).toMatchObject({ name: "Article body" });
  });

  it("closes the folded menu on Escape, and keeps the top bar readable on hover", async () => {
    const page = editor;
    await page.setViewportSize({ width: 360, height: 780 });
    const menu = page.getByRole("button", { name: "Menu" });
    await menu.focus();
    await page.keyboard.press("Enter");
    await page.locator("#newsroom-nav.open").waitFor();
    await page.keyboard.press("Tab");
    await page.keyboard.press("Escape");
    await expect.poll(() => page.locator("#newsroom-nav.open").count()).toBe(0);
    await expectFocus(page, { name: "Menu", expanded: "false" });

    for (const name of ["Menu", "Sign out"]) {
      await page.getByRole("button", { name }).hover();
      const ratio = await page.getByRole("button", { name }).evaluate((el) => {
        const rgb = (c: string) => (c.match(/[\d.]+/g) ?? []).map(Number);
        const lum = ([r, g, b]: number[]) => {
          const f = (v: number) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
          return 0.2126 * f(r!) + 0.7152 * f(g!) + 0.0722 * f(b!);
        };
        let bg: number[] = [];
        for (let n: Element | null = el; n; n = n.parentElement) {
          const c = rgb(getComputedStyle(n).backgroundColor);
          if (c.length === 3 || (c.length === 4 && c[3]! > 0)) {
            bg = c.slice(0, 3);
            break;
          }
        }
        const [a, b] = [lum(rgb(getComputedStyle(el).color).slice(0, 3)), lum(bg)];
        return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
      });
      expect(ratio, `${name} on hover`).toBeGreaterThanOrEqual(4.5);
    }
    await page.setViewportSize(WIDE);
  });

  it("shows who else has the same story open", async () => {
    await writer.goto(`${site.baseUrl}${storyPath}`);
    await writer.getByRole("textbox", { name: "Article body" }).waitFor();
    await editor.goto(`${site.baseUrl}${storyPath}`);
    const seen = editor.locator(".presence");
    await expect.poll(() => seen.textContent()).toMatch(/^Wren Writer also has this story open \(since .+\)/);
    expect(await seen.getAttribute("role")).toBe("status");
    // The writer hears of the editor at their next heartbeat (every 15 s).
    await expect
      .poll(() => writer.locator(".presence").textContent(), { timeout: 20_000 })
      .toMatch(/^Esme Editor also has this story open/);
    await expectAxeClean(editor, "editor with presence");
    await screenshot(editor, "newsroom-presence-1280");
  });

  it("lets a writer choose which workflow emails they get", async () => {
    const page = writer;
    await page.goto(`${site.baseUrl}/newsroom/account`);
    const form = page.getByRole("form", { name: "Emails from the newsroom" });
    const published = form.getByLabel("My story is published");
    await expect.poll(() => published.isChecked()).toBe(true);
    // Submissions are for the desk: a writer is not offered them.
    expect(await form.getByLabel(/submitted for review/).count()).toBe(0);
    await published.focus();
    await page.keyboard.press("Space");
    await form.getByRole("button", { name: "Save email choices" }).focus();
    await page.keyboard.press("Enter");
    await expect.poll(() => announced(page)).toBe("Email choices saved.");
    await page.reload();
    await expect.poll(() => form.getByLabel("My story is returned to me with a note").isChecked()).toBe(true);
    await expect.poll(() => form.getByLabel("My story is published").isChecked()).toBe(false);
    await expectAxeClean(page, "account with email choices");
    await screenshot(page, "newsroom-account-notifications-1280");
  });

  for (const [what, viewport] of [
    ["a 320 px phone", { width: 320, height: 568 }],
    ["400 % zoom of a 1280 × 1024 window", { width: 320, height: 256 }],
  ] as const)
    it(`never hides the caret under the pinned toolbar on ${what}`, async () => {
      const page = writer;
      await page.setViewportSize(viewport);
      await page.goto(`${site.baseUrl}${storyPath}`);
      const body = page.getByRole("textbox", { name: "Article body" });
      await body.waitFor();
      await body.click();
      await page.keyboard.press("Control+End");
      for (let i = 0; i < 14; i++) {
        await page.keyboard.press("Enter");
        await page.keyboard.type(`Line ${i + 1} of the lamplighters' night.`);
      }
      const seen = await page.evaluate(() => {
        const range = getSelection()!.getRangeAt(0).cloneRange();
        const rects = range.getClientRects();
        const caret = rects.length
          ? rects[0]!
          : (range.startContainer as Element).parentElement!.getBoundingClientRect();
        const bar = document.querySelector(".ed-toolbar")!.getBoundingClientRect();
        return {
          caretTop: caret.top,
          caretBottom: caret.bottom,
          barBottom: bar.bottom,
          barTop: bar.top,
          h: innerHeight,
        };
      });
      // The caret is on screen and not under the toolbar (WCAG 2.4.11).
      expect(seen.caretBottom).toBeLessThanOrEqual(seen.h);
      const overlaps = seen.caretTop < seen.barBottom && seen.caretBottom > seen.barTop;
      expect(overlaps, JSON.stringify(seen)).toBe(false);
      // The toolbar never takes more than a quarter of the screen.
      expect(seen.barBottom - seen.barTop).toBeLessThanOrEqual(viewport.height / 4);
      // The window as the person sees it (a full-page capture would move the pinned toolbar).
      await page.screenshot({
        path: path.join(SCREENSHOT_DIR, `newsroom-keyboard-caret-${viewport.width}x${viewport.height}.png`),
      });
    });
});
