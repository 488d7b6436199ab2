import type { Locator, Page } from "playwright-core";
import { expect } from "vitest";

/**
 * What a reader sees of a player (in the page or docked): its title and controls on screen, and a
 * picture in the video — a frame drawn to a canvas that is not all one dark colour. This is what
 * catches a panel that docks as an empty black box.
 */
export async function expectPlayerShown(panel: Locator): Promise<void> {
  const page = panel.page();
  const viewport = page.viewportSize()!;
  const box = await panel.boundingBox();
  expect(box, "the panel is laid out").not.toBeNull();
  expect(box!.x).toBeGreaterThanOrEqual(0);
  expect(box!.y).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width).toBeLessThanOrEqual(viewport.width);
  expect(box!.y + box!.height).toBeLessThanOrEqual(viewport.height);
  await expect(panel.locator(".player-title").isVisible()).resolves.toBe(true);
  await expect(panel.locator(".player-title").textContent()).resolves.toMatch(/\S/);
  await expect(panel.locator(".player-time").isVisible()).resolves.toBe(true);
  await expect(panel.getByRole("button", { name: /^(Play|Pause)$/ }).isVisible()).resolves.toBe(true);
  const look = () =>
    panel.locator("video").evaluate((v: HTMLVideoElement) => {
      const r = v.getBoundingClientRect();
      const canvas = document.createElement("canvas");
      canvas.width = 64;
      canvas.height = 36;
      const ctx = canvas.getContext("2d")!;
      ctx.drawImage(v, 0, 0, 64, 36);
      const data = ctx.getImageData(0, 0, 64, 36).data;
      let brightest = 0;
      for (let i = 0; i < data.length; i += 4) brightest = Math.max(brightest, data[i]! + data[i + 1]! + data[i + 2]!);
      return { width: r.width, height: r.height, hasFrame: v.readyState >= 2, brightest };
    });
  const picture = await look();
  expect(picture.width).toBeGreaterThan(100);
  expect(picture.height).toBeGreaterThan(50);
  expect(picture.hasFrame, "the video has a frame to show").toBe(true);
  // A playing video can pass through a dark scene: some frame within a few seconds is not black.
  await expect
    .poll(async () => (await look()).brightest, { message: "the video's picture is not all black", timeout: 8_000 })
    .toBeGreaterThan(120);
}

/**
 * The frame a docked player leaves in the page (seen for a moment as the reader scrolls back) says
 * what is playing and where, instead of being an empty dark box.
 */
export async function expectDockedFrameLabelled(page: Page): Promise<void> {
  const frames = await page.locator(".player.is-docked").evaluateAll((players) =>
    players.map((p) => {
      const note = p.querySelector(".player-docked-note");
      return {
        shown: !!note && getComputedStyle(note).display !== "none",
        text: note?.textContent ?? "",
        title: p.querySelector(".player-title")?.textContent ?? "",
      };
    }),
  );
  expect(frames.length).toBeGreaterThan(0);
  for (const f of frames) {
    expect(f.shown).toBe(true);
    expect(f.title).toMatch(/\S/);
    expect(f.text).toContain(f.title);
  }
}
