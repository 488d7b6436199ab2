// Screenshots of a running site's pages at the widths the issue names, light and dark, in real
// Chromium: `npx tsx scripts/screenshots.ts --base http://127.0.0.1:3000 --out docs/screenshots`.
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { chromium } from "playwright-core";

const { values } = parseArgs({
  options: {
    base: { type: "string", default: "http://127.0.0.1:3000" },
    out: { type: "string", default: "docs/screenshots" },
    pages: { type: "string", default: "home=/" },
    widths: { type: "string", default: "360,768,1280,1920" },
    full: { type: "boolean", default: true },
  },
});

const pages = values.pages.split(",").map((p) => p.split("=") as [string, string]);
const widths = values.widths.split(",").map(Number);
fs.mkdirSync(values.out, { recursive: true });
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
try {
  for (const scheme of ["light", "dark"] as const) {
    for (const width of widths) {
      const context = await browser.newContext({ viewport: { width, height: 900 }, colorScheme: scheme });
      // The newsletter prompt would show after the scroll below; these pictures are of the page.
      await context.addInitScript(() => sessionStorage.setItem("ld:prompt-shown", "1"));
      const page = await context.newPage();
      for (const [name, url] of pages) {
        await page.goto(values.base + url, { waitUntil: "networkidle" });
        // Scroll through once so lazy pictures load, as a reader's scrolling would; then back up.
        await page.evaluate(async () => {
          for (let y = 0; y < document.body.scrollHeight; y += window.innerHeight / 2) {
            window.scrollTo(0, y);
            await new Promise((r) => setTimeout(r, 60));
          }
          window.scrollTo(0, 0);
        });
        await page.waitForLoadState("networkidle");
        const file = path.join(values.out, `${name}-${width}-${scheme}.png`);
        await page.screenshot({ path: file, fullPage: values.full });
        console.log(file);
      }
      await context.close();
    }
  }
} finally {
  await browser.close();
}
