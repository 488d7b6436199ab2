import { describe, expect, it } from "vitest";
import { type EmailDocument, renderEmailHtml } from "./email-document.js";

// WCAG 2.2 SC 1.4.3: every text at least 4.5:1 against what is behind it, in light mode and in the dark mode
// the email's own stylesheet sets — computed from the colours in the rendered HTML, not from a list here.

const doc: EmailDocument = {
  preheader: "Summary",
  title: "Morning Headlines",
  siteName: "London Daily",
  siteUrl: "https://news.example",
  webUrl: "https://news.example/newsletters/morning-headlines/2026-12-07",
  blocks: [
    { type: "heading", text: "Morning Headlines" },
    { type: "paragraph", text: "Good morning." },
    { type: "paragraph", text: "Small print.", muted: true },
    {
      type: "story",
      kicker: "UK",
      headline: "Lead story",
      href: "https://news.example/uk/lead",
      line: "Its line.",
      image: { src: "https://news.example/m/1.jpg", alt: "A bus", width: 536, height: 300 },
    },
    { type: "section", title: "Top stories" },
    { type: "story", headline: "Another", href: "https://news.example/uk/another" },
    { type: "button", text: "Confirm", href: "https://news.example/c" },
    { type: "divider" },
  ],
  footer: { text: "You receive this because…", links: [{ text: "Unsubscribe", href: "https://news.example/u" }] },
};

const luminance = (hex: string) => {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
};
const contrast = (a: string, b: string) => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
};
const hex6 = (c: string) => (c.length === 4 ? `#${[...c.slice(1)].map((d) => d + d).join("")}` : c).toLowerCase();

interface El {
  tag: string;
  classes: string[];
  style: string;
}

/** Each text in the body with its colour and background, light and dark. */
function texts(html: string) {
  const media = /@media \(prefers-color-scheme: dark\) \{([^]*?)\n\}/.exec(html)?.[1] ?? "";
  const dark: { selector: string; prop: "color" | "background"; value: string }[] = [];
  for (const [, selectors, body] of media.matchAll(/([^{}]+)\{([^}]*)\}/g)) {
    for (const [, prop, value] of body!.matchAll(/(color|background):\s*(#[0-9a-f]{3,6})/gi))
      for (const selector of selectors!.split(","))
        dark.push({ selector: selector.trim(), prop: prop as "color" | "background", value: hex6(value!) });
  }
  const matches = (el: El, parent: El | undefined, selector: string) => {
    const [first, second] = selector.split(/\s+/);
    if (second) return second === el.tag && !!parent && parent.classes.includes(first!.slice(1));
    return el.classes.includes(selector.slice(1));
  };
  const own = (stack: El[], i: number, prop: "color" | "background", mode: "light" | "dark") => {
    const el = stack[i]!;
    if (mode === "dark") {
      const rule = dark.filter((d) => d.prop === prop && matches(el, stack[i - 1], d.selector)).at(-1);
      if (rule) return rule.value;
    }
    const inline = new RegExp(`(?:^|;)\\s*${prop}:\\s*(#[0-9a-f]{3,6})`, "i").exec(el.style)?.[1];
    return inline ? hex6(inline) : undefined;
  };
  const inherited = (stack: El[], prop: "color" | "background", mode: "light" | "dark") => {
    for (let i = stack.length - 1; i >= 0; i--) {
      const value = own(stack, i, prop, mode);
      if (value) return value;
    }
    return undefined;
  };
  const body = html.slice(html.indexOf("<body"));
  const stack: El[] = [];
  const out: { text: string; light: [string?, string?]; dark: [string?, string?] }[] = [];
  for (const [, close, tag, attrs, text] of body.matchAll(/<(\/?)(\w+)([^>]*)>|([^<]+)/g)) {
    if (text !== undefined) {
      if (!text.trim() || stack.some((e) => /display:none/.test(e.style))) continue;
      out.push({
        text: text.trim(),
        light: [inherited(stack, "color", "light"), inherited(stack, "background", "light")],
        dark: [inherited(stack, "color", "dark"), inherited(stack, "background", "dark")],
      });
    } else if (close) {
      stack.splice(stack.map((e) => e.tag).lastIndexOf(tag!));
    } else if (!/^(img|hr|br|meta)$/i.test(tag!)) {
      const classes = /class="([^"]*)"/.exec(attrs!)?.[1]?.split(/\s+/) ?? [];
      stack.push({ tag: tag!.toLowerCase(), classes, style: /style="([^"]*)"/.exec(attrs!)?.[1] ?? "" });
    }
  }
  return out;
}

describe("the email's colours", () => {
  it("give every text at least 4.5:1 against its background, in light and in dark mode", () => {
    const found = texts(renderEmailHtml(doc));
    expect(found.map((t) => t.text)).toEqual(
      expect.arrayContaining(["View in browser", "UK", "Top stories", "Unsubscribe"]),
    );
    for (const t of found) {
      for (const mode of ["light", "dark"] as const) {
        const [color, background] = t[mode];
        expect(color && background, `${t.text} (${mode}) has no colour or background`).toBeTruthy();
        expect(
          contrast(color!, background!),
          `${t.text} in ${mode} mode: ${color} on ${background}`,
        ).toBeGreaterThanOrEqual(4.5);
      }
    }
  });
});
