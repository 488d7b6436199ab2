// Makes the demo newsroom's original pictures and video (committed under src/demo/media).
// Every picture is drawn here as hand-written SVG (no text, no photographs, no third-party art)
// and encoded with sharp; the video is rendered by ffmpeg from its built-in lavfi sources.
//
// Run from the repository root:
//   npx tsx scripts/make-demo-media.ts              # all twelve pictures, then the video
//   npx tsx scripts/make-demo-media.ts --no-video   # pictures only
//   npx tsx scripts/make-demo-media.ts --only=wind-farm,parliament --no-video
// The video step needs ffmpeg (with libx264 and a DejaVu font for the title) from the OS
// package manager; without ffmpeg it is skipped. The exact commands are listed at the bottom.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import sharp from "sharp";

const OUT = path.resolve("src/demo/media");
const W = 1600;
const H = 900;

// ---------------------------------------------------------------- helpers

/** A small deterministic random generator, so every run draws the same pictures. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

/** Formats a number compactly for SVG attributes. */
const n = (v: number) => String(Math.round(v * 10) / 10);

const times = <T>(count: number, make: (i: number) => T): T[] => Array.from({ length: count }, (_, i) => make(i));

/** A vertical (default) or arbitrary linear gradient from evenly spread colours, or explicit [offset, colour, opacity] stops. */
function lin(id: string, stops: (string | [number, string, number?])[], x2 = 0, y2 = 1, x1 = 0, y1 = 0): string {
  const body = stops
    .map((s, i) => {
      const [o, c, a] = typeof s === "string" ? [i / (stops.length - 1), s, 1] : [s[0], s[1], s[2] ?? 1];
      return `<stop offset="${n(o)}" stop-color="${c}" stop-opacity="${a}"/>`;
    })
    .join("");
  return `<linearGradient id="${id}" x1="${x1}" y1="${y1}" x2="${x2}" y2="${y2}">${body}</linearGradient>`;
}

/** A radial glow: the colour at the centre fading to transparent. */
const glow = (id: string, colour: string, inner = 1) =>
  `<radialGradient id="${id}"><stop offset="0" stop-color="${colour}" stop-opacity="${inner}"/><stop offset="0.35" stop-color="${colour}" stop-opacity="${inner * 0.45}"/><stop offset="1" stop-color="${colour}" stop-opacity="0"/></radialGradient>`;

const blur = (id: string, sd: number) =>
  `<filter id="${id}" x="-50%" y="-50%" width="200%" height="200%"><feGaussianBlur stdDeviation="${sd}"/></filter>`;

/** A darkening of the corners that pulls the eye to the centre. */
const vignette = (strength = 0.45) =>
  `<defs><radialGradient id="vig" cx="0.5" cy="0.5" r="0.75"><stop offset="0.55" stop-color="#000" stop-opacity="0"/><stop offset="1" stop-color="#000" stop-opacity="${strength}"/></radialGradient></defs><rect width="${W}" height="${H}" fill="url(#vig)"/>`;

/** Draws `content` mirrored about the line y = axis (a reflection in water), clipped to below the axis. */
function reflect(id: string, content: string, axis: number, opacity: number, blurId?: string): string {
  return `<defs><clipPath id="${id}"><rect y="${axis}" width="${W}" height="${H - axis}"/></clipPath></defs>
    <g clip-path="url(#${id})" opacity="${opacity}"><g ${blurId ? `filter="url(#${blurId})"` : ""} transform="translate(0 ${2 * axis}) scale(1 -1)">${content}</g></g>`;
}

/** A row of rectangular buildings along baseY, optionally with lit windows. */
function skyline(
  r: () => number,
  baseY: number,
  colour: string,
  minH: number,
  maxH: number,
  opts: { windows?: string[]; lit?: number; from?: number; to?: number; gap?: number } = {},
): string {
  let x = opts.from ?? -20;
  const to = opts.to ?? W + 20;
  let out = "";
  while (x < to) {
    const w = 50 + r() * 90;
    const h = minH + r() * (maxH - minH);
    const top = baseY - h;
    out += `<rect x="${n(x)}" y="${n(top)}" width="${n(w)}" height="${n(h + 2)}" fill="${colour}"/>`;
    const roof = r();
    if (roof < 0.18) out += `<rect x="${n(x + w / 2 - 2)}" y="${n(top - 40)}" width="4" height="40" fill="${colour}"/>`;
    else if (roof < 0.3)
      out += `<polygon points="${n(x)},${n(top)} ${n(x + w / 2)},${n(top - 30 - r() * 30)} ${n(x + w)},${n(top)}" fill="${colour}"/>`;
    else if (roof < 0.45)
      out += `<rect x="${n(x + w * 0.2)}" y="${n(top - 18)}" width="${n(w * 0.6)}" height="20" fill="${colour}"/>`;
    if (opts.windows) {
      const lit = opts.lit ?? 0.35;
      for (let wy = top + 16; wy < baseY - 14; wy += 24) {
        for (let wx = x + 9; wx < x + w - 14; wx += 17) {
          if (r() < lit) {
            const c = opts.windows[Math.floor(r() * opts.windows.length)]!;
            out += `<rect x="${n(wx)}" y="${n(wy)}" width="8" height="11" fill="${c}" opacity="${n(0.45 + r() * 0.55)}"/>`;
          }
        }
      }
    }
    x += w + (opts.gap ?? 3);
  }
  return out;
}

/** A standing figure seen from behind or in silhouette; (x, feet) is the bottom centre, h its height. */
function person(x: number, feet: number, h: number, fill: string, coat = fill, stride = 0): string {
  const u = h / 100;
  const head = `<circle cx="${n(x)}" cy="${n(feet - 91 * u)}" r="${n(7.5 * u)}" fill="${fill}"/>`;
  const neck = `<rect x="${n(x - 3 * u)}" y="${n(feet - 85 * u)}" width="${n(6 * u)}" height="${n(6 * u)}" fill="${fill}"/>`;
  const body = `<path d="M${n(x - 11 * u)} ${n(feet - 80 * u)} Q${n(x)} ${n(feet - 84 * u)} ${n(x + 11 * u)} ${n(feet - 80 * u)} L${n(x + 14 * u)} ${n(feet - 36 * u)} L${n(x - 14 * u)} ${n(feet - 36 * u)} Z" fill="${coat}"/>`;
  const legs =
    `<path d="M${n(x - 9 * u)} ${n(feet - 37 * u)} L${n(x - 1 * u)} ${n(feet - 37 * u)} L${n(x - 2 * u - stride * u)} ${n(feet)} L${n(x - 8 * u - stride * u)} ${n(feet)} Z" fill="${fill}"/>` +
    `<path d="M${n(x + 1 * u)} ${n(feet - 37 * u)} L${n(x + 9 * u)} ${n(feet - 37 * u)} L${n(x + 8 * u + stride * u)} ${n(feet)} L${n(x + 2 * u + stride * u)} ${n(feet)} Z" fill="${fill}"/>`;
  return legs + body + neck + head;
}

function birds(r: () => number, count: number, x0: number, y0: number, spread: number, colour: string): string {
  return times(count, () => {
    const x = x0 + (r() - 0.5) * spread;
    const y = y0 + (r() - 0.5) * spread * 0.35;
    const s = 0.6 + r() * 0.8;
    return `<path d="M${n(x)} ${n(y)} q${n(7 * s)} ${n(-6 * s)} ${n(14 * s)} 0 q${n(7 * s)} ${n(-6 * s)} ${n(14 * s)} 0" stroke="${colour}" stroke-width="${n(2.2 * s)}" fill="none" stroke-linecap="round"/>`;
  }).join("");
}

// ---------------------------------------------------------------- scenes

const scenes: Record<string, () => string> = {
  "thames-dawn": () => {
    const r = rng(101);
    const bank = 560; // far bank of the river
    const waterline = 660; // where the bridge piers meet the water
    const ink = "#221d3d";
    const tower = (cx: number) => {
      const w = 78;
      const x = cx - w / 2;
      return `<rect x="${x}" y="300" width="${w}" height="${waterline - 300 + 10}" fill="${ink}"/>
        <rect x="${x - 8}" y="${waterline - 40}" width="${w + 16}" height="50" fill="${ink}"/>
        <polygon points="${x - 4},300 ${cx},236 ${x + w + 4},300" fill="${ink}"/>
        ${[x - 2, x + w - 10].map((tx) => `<rect x="${tx}" y="262" width="12" height="40" fill="${ink}"/><polygon points="${tx - 2},262 ${tx + 6},226 ${tx + 14},262" fill="${ink}"/>`).join("")}
        <rect x="${cx - 2}" y="206" width="4" height="32" fill="${ink}"/>
        ${[0, 1].map((k) => `<path d="M${x + 16 + k * 28} ${360 + 0} v34 h14 v-34 a7 7 0 0 0 -14 0Z" fill="#f7b98b" opacity="0.55"/>`).join("")}
        <path d="M${cx - 12} 470 v40 h24 v-40 a12 12 0 0 0 -24 0Z" fill="#f7b98b" opacity="0.35"/>`;
    };
    const bridge = `<g>
        <rect x="-20" y="598" width="1300" height="16" fill="${ink}"/>
        <rect x="-20" y="612" width="1300" height="5" fill="#3a2f55"/>
        <rect x="430" y="322" width="280" height="14" fill="${ink}"/><rect x="430" y="350" width="280" height="10" fill="${ink}"/>
        ${times(14, (i) => `<line x1="${430 + i * 20}" y1="336" x2="${450 + i * 20}" y2="350" stroke="${ink}" stroke-width="3"/>`).join("")}
        <path d="M430 420 Q250 560 -20 590" stroke="${ink}" stroke-width="9" fill="none"/>
        <path d="M710 420 Q900 560 1280 592" stroke="${ink}" stroke-width="9" fill="none"/>
        ${times(11, (i) => {
          const x = 20 + i * 38;
          const t = (430 - x) / 450;
          return `<line x1="${x}" y1="${n(590 - 170 * (1 - t) ** 2)}" x2="${x}" y2="598" stroke="${ink}" stroke-width="3"/>`;
        }).join("")}
        ${times(13, (i) => {
          const x = 730 + i * 40;
          const t = (x - 710) / 570;
          return `<line x1="${x}" y1="${n(420 + 172 * Math.sqrt(t))}" x2="${x}" y2="598" stroke="${ink}" stroke-width="3"/>`;
        }).join("")}
        ${tower(400)}${tower(740)}
        <rect x="1180" y="598" width="30" height="${waterline - 598 + 10}" fill="${ink}"/>
      </g>`;
    const far =
      skyline(r, bank, "#b07a8c", 20, 110, { gap: 0 }) +
      `<path d="M380 ${bank} v-70 h20 v-20 a48 48 0 0 1 96 0 v20 h20 v70Z" fill="#b07a8c"/><rect x="444" y="${bank - 150}" width="8" height="34" fill="#b07a8c"/>
       <polygon points="1290,${bank} 1342,250 1352,262 1396,${bank}" fill="#a8718a"/>`;
    const near = skyline(r, bank + 6, "#6e4f72", 10, 60, { gap: 0 });
    return `<defs>${lin("sky", ["#1b2350", "#4b3a74", "#b45f7a", "#f09a6e", "#ffd7a0"])}
        ${lin("water", [
          [0, "#f5b184"],
          [0.25, "#c77482"],
          [0.6, "#4f3d6d"],
          [1, "#1c1f42"],
        ])}
        ${glow("sun", "#ffe2a6")}${blur("b2", 2)}${blur("b12", 12)}${blur("b30", 30)}</defs>
      <rect width="${W}" height="${bank}" fill="url(#sky)"/>
      <circle cx="1110" cy="${bank - 10}" r="420" fill="url(#sun)" opacity="0.75"/>
      <g filter="url(#b12)" opacity="0.55">
        <ellipse cx="300" cy="170" rx="260" ry="14" fill="#f2a08a"/><ellipse cx="560" cy="215" rx="220" ry="10" fill="#f6b394"/>
        <ellipse cx="1250" cy="140" rx="300" ry="16" fill="#e78f8a"/><ellipse cx="1000" cy="300" rx="260" ry="10" fill="#ffc79a"/>
      </g>
      <circle cx="1110" cy="${bank - 34}" r="64" fill="#fff0c9"/>
      ${far}${near}
      <rect y="${bank}" width="${W}" height="${H - bank}" fill="url(#water)"/>
      <rect x="-20" y="${bank - 16}" width="${W + 40}" height="34" fill="#ffd3b0" opacity="0.35" filter="url(#b12)"/>
      ${times(46, (i) => {
        const y = bank + 8 + i * 7.4;
        const w = 30 + r() * (60 + i * 5);
        return `<rect x="${n(1110 - w / 2 + (r() - 0.5) * (30 + i * 4))}" y="${n(y)}" width="${n(w)}" height="3" rx="1.5" fill="#ffe8c0" opacity="${n(0.25 + r() * 0.5)}"/>`;
      }).join("")}
      ${reflect("rb", bridge, waterline, 0.33, "b2")}
      ${bridge}
      ${times(18, () => `<rect x="${n(r() * W)}" y="${n(waterline + 14 + r() * 220)}" width="${n(40 + r() * 120)}" height="2" fill="#f7c6a4" opacity="0.25"/>`).join("")}
      ${birds(r, 7, 900, 250, 260, "#2b2346")}
      ${vignette(0.35)}`;
  },

  "city-skyline": () => {
    const r = rng(202);
    const shore = 700;
    const warm = ["#ffd98a", "#ffc46b", "#fff1c1"];
    const cool = ["#9fd3ff", "#cfe8ff", "#ffd98a"];
    const far = skyline(r, shore, "#2b2d63", 180, 430, { windows: ["#8e8fd8"], lit: 0.12, gap: 0 });
    const mid = skyline(r, shore, "#1b1c47", 110, 330, { windows: cool, lit: 0.22, gap: 6 });
    const front = skyline(r, shore, "#0c0d27", 40, 200, { windows: warm, lit: 0.4, gap: 10 });
    const towers = `<g fill="#15163a"><polygon points="1020,${shore} 1056,150 1092,${shore}"/><rect x="1054" y="80" width="4" height="72"/>
      <rect x="300" y="240" width="86" height="${shore - 240}"/><rect x="318" y="205" width="50" height="40"/><rect x="341" y="150" width="4" height="60"/></g>
      <circle cx="1056" cy="80" r="4" fill="#ff4d5a"/><circle cx="343" cy="150" r="4" fill="#ff4d5a"/>
      ${times(20, (i) => `<rect x="${306 + (i % 5) * 16}" y="${262 + Math.floor(i / 5) * 100}" width="8" height="60" fill="#7fb0ff" opacity="0.45"/>`).join("")}`;
    const city = far + towers + mid + front;
    return `<defs>${lin("sky", ["#050817", "#11153a", "#2c2463", "#6a3b7d"])}${lin("water", ["#1b1a44", "#070816"])}
        ${glow("moon", "#e8ecff", 0.7)}${glow("haze", "#ff8f6b", 0.55)}${blur("b3", 3)}${blur("b20", 20)}</defs>
      <rect width="${W}" height="${shore}" fill="url(#sky)"/>
      ${times(170, () => `<circle cx="${n(r() * W)}" cy="${n(r() * 430)}" r="${n(0.5 + r() * 1.6)}" fill="#fff" opacity="${n(0.25 + r() * 0.75)}"/>`).join("")}
      <circle cx="1330" cy="150" r="200" fill="url(#moon)"/><circle cx="1330" cy="150" r="46" fill="#f5f3e7"/>
      <circle cx="1314" cy="140" r="9" fill="#e2dfd0"/><circle cx="1345" cy="166" r="6" fill="#e2dfd0"/>
      <ellipse cx="800" cy="${shore}" rx="1000" ry="260" fill="url(#haze)" opacity="0.5"/>
      ${city}
      <rect y="${shore}" width="${W}" height="${H - shore}" fill="url(#water)"/>
      ${reflect("rc", city, shore, 0.35, "b3")}
      ${times(60, () => `<rect x="${n(r() * W)}" y="${n(shore + 6 + r() * 190)}" width="${n(20 + r() * 90)}" height="2" fill="#ffd98a" opacity="${n(0.12 + r() * 0.3)}"/>`).join("")}
      <rect y="${shore - 3}" width="${W}" height="6" fill="#ffb27a" opacity="0.5" filter="url(#b3)"/>
      ${vignette(0.4)}`;
  },

  parliament: () => {
    const r = rng(303);
    const river = 650;
    const ink = "#1d1533";
    const pinnacle = (x: number, y: number, h: number, w = 8) =>
      `<rect x="${n(x - w / 2)}" y="${n(y - h * 0.55)}" width="${w}" height="${n(h * 0.55)}" fill="${ink}"/><polygon points="${n(x - w / 2 - 1)},${n(y - h * 0.55)} ${n(x)},${n(y - h)} ${n(x + w / 2 + 1)},${n(y - h * 0.55)}" fill="${ink}"/>`;
    // Long gothic palace front with lit windows
    let palace = `<rect x="90" y="470" width="1480" height="${river - 470 + 10}" fill="${ink}"/>`;
    for (let x = 100; x < 1560; x += 38) palace += pinnacle(x, 472, 34, 7);
    for (let x = 110; x < 1560; x += 76)
      palace += `<rect x="${x - 3}" y="470" width="6" height="${river - 470}" fill="#2a2046"/>`;
    palace += times(2 * 37, (i) => {
      const x = 122 + (i % 37) * 38;
      const y = 500 + Math.floor(i / 37) * 66;
      return r() < 0.8
        ? `<path d="M${x} ${y + 40} v-32 a6 6 0 0 1 12 0 v32Z" fill="#ffd58a" opacity="${n(0.35 + r() * 0.6)}"/>`
        : "";
    }).join("");
    // Victoria Tower (left), central spire, and the clock tower (right)
    const victoria = `<rect x="170" y="210" width="150" height="${river - 210}" fill="${ink}"/>
      ${[170, 300].map((x) => `<rect x="${x - 6}" y="190" width="32" height="40" fill="${ink}"/>${pinnacle(x + 10, 192, 50, 18)}`).join("")}
      ${times(7, (i) => pinnacle(196 + i * 16, 212, 26, 6)).join("")}
      <rect x="244" y="120" width="3" height="72" fill="${ink}"/><path d="M247 122 h34 l-6 10 6 10 h-34Z" fill="${ink}"/>
      ${times(3, (i) => `<path d="M${196 + i * 38} ${300} v70 h20 v-70 a10 10 0 0 0 -20 0Z" fill="#ffd58a" opacity="0.5"/>`).join("")}`;
    const lantern = `<polygon points="760,470 760,360 784,330 808,360 808,470" fill="${ink}"/><polygon points="770,332 784,230 798,332" fill="${ink}"/>
      <rect x="774" y="372" width="6" height="26" fill="#ffd58a" opacity="0.6"/><rect x="788" y="372" width="6" height="26" fill="#ffd58a" opacity="0.6"/>`;
    const cx = 1230;
    const clock = `<rect x="${cx - 44}" y="250" width="88" height="${river - 250}" fill="${ink}"/>
      ${times(4, (i) => `<rect x="${cx - 34 + i * 20}" y="330" width="8" height="${river - 350}" fill="#2c2249"/>`).join("")}
      <rect x="${cx - 54}" y="150" width="108" height="110" fill="${ink}"/>
      <circle cx="${cx}" cy="205" r="42" fill="url(#face)"/><circle cx="${cx}" cy="205" r="42" fill="none" stroke="${ink}" stroke-width="5"/>
      <line x1="${cx}" y1="205" x2="${cx}" y2="176" stroke="${ink}" stroke-width="4" stroke-linecap="round"/><line x1="${cx}" y1="205" x2="${cx + 20}" y2="214" stroke="${ink}" stroke-width="5" stroke-linecap="round"/>
      ${pinnacle(cx - 54, 152, 40, 12)}${pinnacle(cx + 54, 152, 40, 12)}
      <rect x="${cx - 46}" y="100" width="92" height="52" fill="${ink}"/>
      ${times(3, (i) => `<path d="M${cx - 34 + i * 26} 146 v-30 a8 8 0 0 1 16 0 v30Z" fill="#3a2d5c"/>`).join("")}
      <polygon points="${cx - 50},102 ${cx},30 ${cx + 50},102" fill="${ink}"/>${pinnacle(cx - 46, 104, 36, 9)}${pinnacle(cx + 46, 104, 36, 9)}
      <rect x="${cx - 2}" y="4" width="4" height="30" fill="${ink}"/>`;
    const building = victoria + palace + lantern + clock;
    return `<defs>${lin("sky", ["#131433", "#3b2a63", "#8b4378", "#e2776a", "#f9b977"])}${lin("water", ["#e58a6f", "#7a3f6e", "#2a1d45", "#120e24"])}
        ${glow("sun", "#ffcf8a", 0.9)}<radialGradient id="face"><stop offset="0" stop-color="#fff6d4"/><stop offset="1" stop-color="#f3c97a"/></radialGradient>
        ${glow("fglow", "#ffe2a0", 0.8)}${blur("b2", 2)}${blur("b14", 14)}</defs>
      <rect width="${W}" height="${river}" fill="url(#sky)"/>
      <circle cx="560" cy="${river}" r="520" fill="url(#sun)" opacity="0.8"/>
      <g filter="url(#b14)" opacity="0.5"><ellipse cx="420" cy="180" rx="320" ry="18" fill="#c2608a"/><ellipse cx="900" cy="120" rx="260" ry="12" fill="#a4547f"/><ellipse cx="700" cy="320" rx="380" ry="14" fill="#f39c7a"/></g>
      ${birds(r, 6, 600, 230, 300, "#2a1f45")}
      <circle cx="${cx}" cy="205" r="120" fill="url(#fglow)"/>
      ${building}
      <rect y="${river}" width="${W}" height="${H - river}" fill="url(#water)"/>
      ${reflect("rp", building, river, 0.4, "b2")}
      ${times(40, (i) => `<rect x="${n(cx - 30 - r() * 40 + (r() - 0.5) * i * 3)}" y="${n(river + 10 + i * 6)}" width="${n(40 + r() * 50)}" height="2.5" fill="#ffe2a0" opacity="${n(0.2 + r() * 0.4)}"/>`).join("")}
      <g fill="#120d22"><path d="M-10 ${H} V760 Q120 720 260 760 Q400 720 540 760 Q680 720 820 760 Q960 720 1100 760 Q1240 720 1380 760 Q1520 720 1620 760 V${H}Z"/>
      <rect x="-10" y="742" width="1640" height="14"/></g>
      ${times(9, (i) => `<rect x="${40 + i * 190}" y="712" width="4" height="32" fill="#120d22"/><circle cx="${42 + i * 190}" cy="708" r="7" fill="#ffd58a"/><circle cx="${42 + i * 190}" cy="708" r="22" fill="#ffd58a" opacity="0.25" filter="url(#b2)"/>`).join("")}
      ${vignette(0.35)}`;
  },

  "market-chart": () => {
    const r = rng(404);
    const x0 = 110;
    const x1 = 1490;
    const top = 110;
    const bottom = 660;
    const count = 40;
    const step = (x1 - x0) / count;
    // Candles on a rising random walk
    let price = 0.18;
    const candles = times(count, (i) => {
      const open = price;
      const trend = i < 27 ? 0.022 : -0.03;
      price = Math.min(0.9, Math.max(0.05, price + (r() - 0.5) * 0.09 + trend));
      const close = price;
      const hi = Math.max(open, close) + r() * 0.04;
      const lo = Math.min(open, close) - r() * 0.04;
      return { x: x0 + step * (i + 0.5), open, close, hi, lo };
    });
    const py = (v: number) => bottom - v * (bottom - top);
    const candleSvg = candles
      .map((c) => {
        const up = c.close >= c.open;
        const colour = up ? "#3ddc97" : "#ff5d73";
        const y = py(Math.max(c.open, c.close));
        const h = Math.max(4, Math.abs(py(c.open) - py(c.close)));
        return `<line x1="${n(c.x)}" y1="${n(py(c.hi))}" x2="${n(c.x)}" y2="${n(py(c.lo))}" stroke="${colour}" stroke-width="2.5" opacity="0.8"/><rect x="${n(c.x - step * 0.3)}" y="${n(y)}" width="${n(step * 0.6)}" height="${n(h)}" rx="2" fill="${colour}" opacity="0.85"/>`;
      })
      .join("");
    // A smoothed moving average, drawn as a glowing line with an area fill
    const avg = candles.map((_, i) => {
      const win = candles.slice(Math.max(0, i - 4), i + 1);
      return win.reduce((s, c) => s + (c.close + c.open) / 2, 0) / win.length;
    });
    const pts = avg.map((v, i) => [candles[i]!.x, py(v)] as const);
    let d = `M${n(pts[0]![0])} ${n(pts[0]![1])}`;
    // Catmull-Rom through the points, as cubic Bezier segments
    for (let i = 1; i < pts.length; i++) {
      const p0 = pts[Math.max(0, i - 2)]!;
      const p1 = pts[i - 1]!;
      const p2 = pts[i]!;
      const p3 = pts[Math.min(pts.length - 1, i + 1)]!;
      d += ` C${n(p1[0] + (p2[0] - p0[0]) / 6)} ${n(p1[1] + (p2[1] - p0[1]) / 6)} ${n(p2[0] - (p3[0] - p1[0]) / 6)} ${n(p2[1] - (p3[1] - p1[1]) / 6)} ${n(p2[0])} ${n(p2[1])}`;
    }
    const last = pts[pts.length - 1]!;
    const area = `${d} L${n(last[0])} ${bottom} L${n(pts[0]![0])} ${bottom}Z`;
    // A second, falling series
    let v2 = 0.86;
    const fall = times(count, (i) => {
      v2 = Math.max(0.08, Math.min(0.95, v2 + (r() - 0.5) * 0.04 - (i < 20 ? 0.006 : 0.014)));
      return `${n(x0 + step * (i + 0.5))},${n(py(v2))}`;
    });
    const volume = candles
      .map((c, i) => {
        const h = 20 + r() * 70 + (i > 30 ? 30 : 0);
        return `<rect x="${n(c.x - step * 0.3)}" y="${n(800 - h)}" width="${n(step * 0.6)}" height="${n(h)}" rx="2" fill="${c.close >= c.open ? "#3ddc97" : "#ff5d73"}" opacity="0.35"/>`;
      })
      .join("");
    return `<defs><radialGradient id="bg" cx="0.55" cy="0.35" r="0.9"><stop offset="0" stop-color="#17335c"/><stop offset="1" stop-color="#070f1f"/></radialGradient>
        ${lin("area", [
          [0, "#3fb8ff", 0.45],
          [1, "#3fb8ff", 0],
        ])}${blur("b6", 6)}${blur("b18", 18)}${glow("dot", "#7fd4ff")}</defs>
      <rect width="${W}" height="${H}" fill="url(#bg)"/>
      ${times(8, (i) => `<line x1="${x0}" x2="${x1}" y1="${top + i * 78.6}" y2="${top + i * 78.6}" stroke="#2b4a75" stroke-width="1.5" opacity="0.7"/>`).join("")}
      ${times(11, (i) => `<line y1="${top}" y2="800" x1="${x0 + i * 138}" x2="${x0 + i * 138}" stroke="#223b5f" stroke-width="1.5" opacity="0.7"/>`).join("")}
      <line x1="${x0}" x2="${x1}" y1="700" y2="700" stroke="#35598a" stroke-width="2"/>
      <path d="${area}" fill="url(#area)"/>
      <polyline points="${fall.join(" ")}" fill="none" stroke="#ffb347" stroke-width="4" stroke-dasharray="14 10" opacity="0.8"/>
      ${candleSvg}${volume}
      <path d="${d}" fill="none" stroke="#3fb8ff" stroke-width="14" opacity="0.45" filter="url(#b6)"/>
      <path d="${d}" fill="none" stroke="#aee6ff" stroke-width="5" stroke-linecap="round"/>
      <circle cx="${n(last[0])}" cy="${n(last[1])}" r="60" fill="url(#dot)"/>
      <circle cx="${n(last[0])}" cy="${n(last[1])}" r="26" fill="none" stroke="#aee6ff" stroke-width="2" opacity="0.5"/>
      <circle cx="${n(last[0])}" cy="${n(last[1])}" r="10" fill="#e9f8ff"/>
      <line x1="${x0}" x2="${x1}" y1="${n(last[1])}" y2="${n(last[1])}" stroke="#aee6ff" stroke-width="1.5" stroke-dasharray="4 8" opacity="0.6"/>
      ${vignette(0.4)}`;
  },

  "circuit-board": () => {
    const r = rng(505);
    const cx = 800;
    const cy = 450;
    const half = 150;
    const pitch = 24;
    const pins = 11;
    const copper = "#d9ae52";
    // One side of the chip's fan-out: traces leave the pins, bend at 45 degrees to spread apart, then run outward.
    const fanOut = () => {
      let out = "";
      for (let i = 0; i < pins; i++) {
        const o = i - (pins - 1) / 2;
        const y = cy + o * pitch;
        const bx = cx - half - 50;
        const dy = o * pitch;
        const ex = bx - Math.abs(dy);
        const ey = y + dy;
        const end = 120 + r() * 380;
        const fx = ex - end;
        out += `<path d="M${cx - half} ${n(y)} H${bx} L${n(ex)} ${n(ey)} H${n(fx)}" fill="none" stroke="${copper}" stroke-width="6" stroke-linejoin="round"/>`;
        out += `<circle cx="${n(fx)}" cy="${n(ey)}" r="11" fill="${copper}"/><circle cx="${n(fx)}" cy="${n(ey)}" r="4.5" fill="#05281d"/>`;
      }
      return out;
    };
    const sides = [0, 90, 180, 270].map((a) => `<g transform="rotate(${a} ${cx} ${cy})">${fanOut()}</g>`).join("");
    // Background traces on a 40px grid, in the corners
    let background = "";
    for (let i = 0; i < 30; i++) {
      let x = Math.round(r() * 40) * 40;
      let y = Math.round(r() * 22) * 40;
      if (Math.abs(x - cx) < 380 && Math.abs(y - cy) < 330) continue;
      let d = `M${x} ${y}`;
      for (let s = 0; s < 4; s++) {
        const len = 40 * (1 + Math.floor(r() * 4));
        const dir = Math.floor(r() * 4);
        if (dir === 0) x += len;
        else if (dir === 1) x -= len;
        else if (dir === 2) {
          x += len;
          y += len;
        } else y -= len;
        d += ` L${x} ${y}`;
      }
      background += `<path d="${d}" fill="none" stroke="#2f8f62" stroke-width="4" stroke-linejoin="round" opacity="0.8"/><circle cx="${x}" cy="${y}" r="7" fill="#4fb585"/><circle cx="${x}" cy="${y}" r="3" fill="#05281d"/>`;
    }
    const smd = times(14, () => {
      const x = 80 + r() * 1440;
      const y = 60 + r() * 780;
      if (Math.abs(x - cx) < 300 && Math.abs(y - cy) < 260) return "";
      const rot = r() < 0.5 ? 0 : 90;
      return `<g transform="translate(${n(x)} ${n(y)}) rotate(${rot})"><rect x="-26" y="-16" width="52" height="32" fill="none" stroke="#e8f2ec" stroke-width="2" opacity="0.5"/><rect x="-18" y="-9" width="36" height="18" rx="2" fill="#1d1d22"/><rect x="-18" y="-9" width="8" height="18" fill="#c9ccd2"/><rect x="10" y="-9" width="8" height="18" fill="#c9ccd2"/></g>`;
    }).join("");
    const legs = times(pins, (i) => {
      const o = (i - (pins - 1) / 2) * pitch;
      return `<rect x="${cx - half - 14}" y="${cy + o - 5}" width="18" height="10" fill="#d5d8de"/><rect x="${cx + half - 4}" y="${cy + o - 5}" width="18" height="10" fill="#d5d8de"/><rect x="${cx + o - 5}" y="${cy - half - 14}" width="10" height="18" fill="#d5d8de"/><rect x="${cx + o - 5}" y="${cy + half - 4}" width="10" height="18" fill="#d5d8de"/>`;
    }).join("");
    return `<defs>${lin("pcb", ["#0f5a40", "#073324"], 1, 1)}${glow("light", "#6dffc0", 0.35)}${glow("core", "#7df3ff", 0.8)}
        ${lin("chip", ["#2c2f36", "#111318"], 1, 1)}${blur("b8", 8)}${blur("b24", 24)}</defs>
      <rect width="${W}" height="${H}" fill="url(#pcb)"/>
      <circle cx="${cx}" cy="${cy}" r="700" fill="url(#light)"/>
      ${background}${smd}
      <g filter="url(#b8)" opacity="0.55">${sides}</g>
      ${sides}
      <rect x="${cx - half - 30}" y="${cy - half - 30}" width="${2 * half + 60}" height="${2 * half + 60}" fill="none" stroke="#e8f2ec" stroke-width="2" opacity="0.4"/>
      ${legs}
      <rect x="${cx - half}" y="${cy - half}" width="${2 * half}" height="${2 * half}" rx="10" fill="url(#chip)"/>
      <rect x="${cx - half + 18}" y="${cy - half + 18}" width="${2 * half - 36}" height="${2 * half - 36}" rx="6" fill="none" stroke="#3a3e47" stroke-width="2"/>
      <circle cx="${cx - half + 34}" cy="${cy - half + 34}" r="8" fill="#3a3e47"/>
      <circle cx="${cx}" cy="${cy}" r="150" fill="url(#core)" opacity="0.6"/>
      <rect x="${cx - 40}" y="${cy - 40}" width="80" height="80" rx="6" fill="#0b2830" stroke="#7df3ff" stroke-width="2" opacity="0.9"/>
      ${times(4, (i) => `<line x1="${cx - 28}" x2="${cx + 28}" y1="${cy - 24 + i * 16}" y2="${cy - 24 + i * 16}" stroke="#7df3ff" stroke-width="2" opacity="0.6"/>`).join("")}
      ${vignette(0.5)}`;
  },

  "stadium-lights": () => {
    const r = rng(606);
    const far = 520; // far touchline
    // Stands: a dark bowl behind the pitch, full of tiny coloured dots (the crowd)
    const crowd = times(900, () => {
      const x = r() * W;
      const y = 360 + r() * (far - 370) + Math.abs(x - 800) * -0.06;
      const c = ["#d43d51", "#f1f1f4", "#2f6fd0", "#f3c04a", "#8a8fa3"][Math.floor(r() * 5)]!;
      return `<circle cx="${n(x)}" cy="${n(y)}" r="${n(2 + r() * 1.6)}" fill="${c}" opacity="${n(0.35 + r() * 0.4)}"/>`;
    }).join("");
    const mast = (x: number, top: number, lean: number) => {
      const lamps = times(
        24,
        (i) =>
          `<circle cx="${x - 66 + (i % 8) * 19}" cy="${top - 26 + Math.floor(i / 8) * 18}" r="6.5" fill="#fffdf0"/>`,
      ).join("");
      return `<path d="M${x - 14} ${far - 40} L${x - 5} ${top} L${x + 5} ${top} L${x + 14} ${far - 40}Z" fill="#1b2135"/>
        ${times(10, (i) => `<line x1="${x - 12 + i * 0.9}" y1="${top + 20 + i * 30}" x2="${x + 12 - i * 0.9}" y2="${top + 50 + i * 30}" stroke="#2c3450" stroke-width="2"/>`).join("")}
        <circle cx="${x}" cy="${top - 8}" r="190" fill="url(#lamp)"/>
        <rect x="${x - 80}" y="${top - 40}" width="160" height="62" rx="4" fill="#2a3047"/>${lamps}
        <polygon points="${x - 70},${top + 10} ${x + 70},${top + 10} ${800 + lean * 180},${H} ${800 + lean * 700},${H}" fill="url(#beam)" filter="url(#b20)"/>`;
    };
    // Pitch in perspective: stripes across the depth, lines on top
    const pitchPoly = (t0: number, t1: number) => {
      const y0 = far + (H + 120 - far) * t0;
      const y1 = far + (H + 120 - far) * t1;
      const x0a = 180 - 420 * t0;
      const x1a = 180 - 420 * t1;
      return `${n(x0a)},${n(y0)} ${n(W - x0a)},${n(y0)} ${n(W - x1a)},${n(y1)} ${n(x1a)},${n(y1)}`;
    };
    const bands = times(10, (i) => {
      const t0 = (i / 10) ** 1.35;
      const t1 = ((i + 1) / 10) ** 1.35;
      return `<polygon points="${pitchPoly(t0, t1)}" fill="${i % 2 ? "#2f9a4c" : "#38ad57"}"/>`;
    }).join("");
    const players = times(14, (i) => {
      const t = 0.08 + r() * 0.55;
      const y = far + (H + 120 - far) * t;
      const x = 240 + r() * 1120;
      const s = 0.35 + t * 0.9;
      const kit = i % 2 ? "#e94b5a" : "#f4f6fb";
      return `<ellipse cx="${n(x + 6 * s)}" cy="${n(y)}" rx="${n(14 * s)}" ry="${n(3 * s)}" fill="#0f3b1d" opacity="0.5"/>${person(x, y, 46 * s, "#111522", kit, i % 3)}`;
    }).join("");
    return `<defs>${lin("sky", ["#02040b", "#0b1330", "#1c2750"])}${glow("lamp", "#fff6d8", 0.9)}
        ${lin("beam", [
          [0, "#fff8dc", 0.28],
          [1, "#fff8dc", 0],
        ])}${lin("stand", ["#161a2b", "#0b0e19"])}${blur("b20", 20)}${blur("b40", 40)}</defs>
      <rect width="${W}" height="${H}" fill="url(#sky)"/>
      ${times(60, () => `<circle cx="${n(r() * W)}" cy="${n(r() * 250)}" r="${n(0.5 + r())}" fill="#fff" opacity="${n(0.2 + r() * 0.5)}"/>`).join("")}
      <path d="M-10 ${far} L-10 330 Q800 250 1610 330 L1610 ${far}Z" fill="url(#stand)"/>
      <path d="M-10 330 Q800 250 1610 330 L1610 300 Q800 220 -10 300Z" fill="#232a42"/>
      ${crowd}
      <rect x="-10" y="${far - 18}" width="${W + 20}" height="18" fill="#0e1222"/>
      ${times(16, (i) => `<rect x="${20 + i * 100}" y="${far - 16}" width="84" height="12" fill="${["#2f6fd0", "#e94b5a", "#f3c04a"][i % 3]}" opacity="0.7"/>`).join("")}
      <rect y="${far}" width="${W}" height="${H - far}" fill="#1d5a31"/>
      <rect width="${W}" height="${H}" fill="#f3f6ff" opacity="0.04"/>
      ${bands}
      <g fill="none" stroke="#eef3ee" stroke-width="4" opacity="0.9">
        <polygon points="${pitchPoly(0.02, 0.86)}"/>
        <line x1="800" y1="${n(far + (H + 120 - far) * 0.02)}" x2="800" y2="${H}"/>
        <ellipse cx="800" cy="${n(far + (H + 120 - far) * 0.3)}" rx="150" ry="44"/>
        <polygon points="${n(180 - 420 * 0.16)},${n(far + (H + 120 - far) * 0.16)} ${n(360 - 420 * 0.16)},${n(far + (H + 120 - far) * 0.16)} ${n(360 - 500 * 0.6)},${n(far + (H + 120 - far) * 0.6)} ${n(180 - 420 * 0.6)},${n(far + (H + 120 - far) * 0.6)}"/>
        <polygon points="${n(W - 180 + 420 * 0.16)},${n(far + (H + 120 - far) * 0.16)} ${n(W - 360 + 420 * 0.16)},${n(far + (H + 120 - far) * 0.16)} ${n(W - 360 + 500 * 0.6)},${n(far + (H + 120 - far) * 0.6)} ${n(W - 180 + 420 * 0.6)},${n(far + (H + 120 - far) * 0.6)}"/>
      </g>
      <circle cx="800" cy="${n(far + (H + 120 - far) * 0.3)}" r="5" fill="#eef3ee"/>
      ${players}
      ${mast(150, 120, -1)}${mast(1450, 120, 1)}
      ${mast(520, 200, -0.4).replace(/r="190"/, 'r="120"')}${mast(1080, 200, 0.4).replace(/r="190"/, 'r="120"')}
      <ellipse cx="800" cy="420" rx="900" ry="140" fill="#e9f0ff" opacity="0.07" filter="url(#b40)"/>
      ${vignette(0.45)}`;
  },

  "theatre-stage": () => {
    const r = rng(707);
    const floor = 700;
    const curtain = (flip: boolean) => {
      const d = `M-20 90 L600 90 Q470 330 360 520 Q330 560 360 600 Q420 690 470 ${floor + 10} L-20 ${floor + 10}Z`;
      const tie = `<path d="M330 545 Q370 535 395 560 Q370 585 330 575Z" fill="#e2b45a"/><circle cx="330" cy="560" r="12" fill="#f2cd77"/>`;
      return `<g ${flip ? `transform="translate(${W} 0) scale(-1 1)"` : ""}><path d="${d}" fill="url(#folds)"/><path d="${d}" fill="url(#shade)"/>${tie}</g>`;
    };
    const valance = `<path d="M-20 0 H${W + 20} V110 ${times(9, (i) => `Q${n(W - i * 180 - 90)} 200 ${n(W - (i + 1) * 180)} 110`).join(" ")} Z" fill="url(#folds)"/>
      <path d="M-20 110 ${times(9, (i) => `Q${n(i * 180 + 90)} 200 ${n((i + 1) * 180)} 110`).join(" ")}" fill="none" stroke="#e2b45a" stroke-width="8"/>`;
    const planks = times(18, (i) => {
      const x = -400 + i * 140;
      return `<line x1="${n(800 + (x - 800) * 0.55)}" y1="${floor}" x2="${x}" y2="${H}" stroke="#2a160d" stroke-width="2" opacity="0.6"/>`;
    }).join("");
    const heads = (y: number, count: number, colour: string, size: number, offset: number) =>
      times(count, (i) => {
        const x = offset + i * (W / (count - 1)) + (r() - 0.5) * 30;
        return `<ellipse cx="${n(x)}" cy="${n(y)}" rx="${n(size * (0.85 + r() * 0.3))}" ry="${n(size * 1.2)}" fill="${colour}"/><path d="M${n(x - size * 2.4)} ${H} Q${n(x - size * 2)} ${n(y + size * 1.2)} ${n(x)} ${n(y + size * 1.1)} Q${n(x + size * 2)} ${n(y + size * 1.2)} ${n(x + size * 2.4)} ${H}Z" fill="${colour}"/>`;
      }).join("");
    return `<defs><linearGradient id="folds" x1="0" x2="90" y1="0" y2="0" gradientUnits="userSpaceOnUse" spreadMethod="repeat">
          <stop offset="0" stop-color="#4a0711"/><stop offset="0.35" stop-color="#a3162b"/><stop offset="0.55" stop-color="#c52a3c"/><stop offset="1" stop-color="#4a0711"/></linearGradient>
        ${lin("shade", [
          [0, "#000", 0.35],
          [0.5, "#000", 0],
          [1, "#000", 0.45],
        ])}
        ${lin("back", ["#1a0a10", "#2d0f18"])}${lin("stage", ["#6b3b1f", "#2e170b"])}
        ${lin("cone", [
          [0, "#fff4cf", 0.55],
          [1, "#fff4cf", 0.05],
        ])}${glow("pool", "#fff2c8", 0.9)}${glow("foot", "#ffcf7a", 0.9)}
        ${blur("b10", 10)}${blur("b24", 24)}</defs>
      <rect width="${W}" height="${H}" fill="#0b0406"/>
      <rect x="240" y="80" width="1120" height="${floor - 80}" fill="url(#back)"/>
      <polygon points="-200,${H} 400,${floor} 1200,${floor} 1800,${H}" fill="url(#stage)"/>${planks}
      <polygon points="720,60 880,60 1130,${floor + 40} 470,${floor + 40}" fill="url(#cone)" filter="url(#b24)"/>
      <ellipse cx="800" cy="${floor + 40}" rx="360" ry="70" fill="url(#pool)"/>
      <g transform="translate(800 ${floor + 40})"><rect x="-3" y="-150" width="6" height="150" fill="#120809"/><ellipse cx="0" cy="0" rx="30" ry="7" fill="#120809"/>
        <rect x="-9" y="-190" width="18" height="40" rx="9" fill="#120809"/><line x1="0" y1="-150" x2="40" y2="-120" stroke="#120809" stroke-width="4"/></g>
      ${curtain(false)}${curtain(true)}${valance}
      <rect x="0" y="${floor + 10}" width="${W}" height="10" fill="#1a0d06"/>
      ${times(12, (i) => `<circle cx="${180 + i * 113}" cy="${floor + 22}" r="40" fill="url(#foot)" opacity="0.5"/>`).join("")}
      ${heads(820, 15, "#0d0608", 30, -10)}${heads(870, 11, "#050203", 38, 40)}
      ${vignette(0.5)}`;
  },

  "rail-station": () => {
    const r = rng(808);
    const vx = 800;
    const vy = 420;
    const hw = 880; // half width of the shed at depth 1
    const spring = 120;
    const floorD = 480;
    const crown = 820;
    const P = (u: number, v: number, z: number) => [vx + u / z, vy + v / z] as const;
    const zs = [1, 1.25, 1.6, 2.05, 2.65, 3.4, 4.4, 5.7, 7.4, 9.6];
    const zEnd = 11;
    const arch = (z: number) => {
      const [ax, ay] = P(-hw, spring, z);
      const [bx] = P(hw, spring, z);
      return `M${n(ax)} ${n(ay)} A${n(hw / z)} ${n((crown + spring) / z)} 0 0 1 ${n(bx)} ${n(ay)}`;
    };
    // Glazing bars run along the vault: every one is a straight line towards the vanishing point.
    const glazing = times(17, (i) => {
      const th = Math.PI * (i / 16);
      const u = -hw * Math.cos(th);
      const v = spring - (crown + spring) * Math.sin(th);
      const [ax, ay] = P(u, v, 1);
      const [bx, by] = P(u, v, zEnd);
      return `<line x1="${n(ax)}" y1="${n(ay)}" x2="${n(bx)}" y2="${n(by)}" stroke="#4d5d74" stroke-width="3" opacity="0.75"/>`;
    }).join("");
    const ribs = zs
      .map(
        (z) =>
          `<path d="${arch(z)}" fill="none" stroke="#26303f" stroke-width="${n(34 / z)}"/><path d="${arch(z)}" fill="none" stroke="#3b485c" stroke-width="${n(10 / z)}" transform="translate(0 ${n(14 / z)})"/>`,
      )
      .join("");
    const wall = (side: number) => {
      const a = P(side * hw, spring, 1);
      const b = P(side * hw, spring, zEnd);
      const c = P(side * hw, floorD, zEnd);
      const d = P(side * hw, floorD, 1);
      const cols = zs
        .map((z) => {
          const [x, y0] = P(side * hw, spring, z);
          const [, y1] = P(side * hw, floorD, z);
          return `<rect x="${n(x - 12 / z)}" y="${n(y0)}" width="${n(24 / z)}" height="${n(y1 - y0)}" fill="#26303f"/>`;
        })
        .join("");
      return `<polygon points="${[a, b, c, d].map(([x, y]) => `${n(x)},${n(y)}`).join(" ")}" fill="#6f6257"/>${cols}`;
    };
    const strip = (u0: number, u1: number, fill: string) => {
      const pts = [P(u0, floorD, 1), P(u1, floorD, 1), P(u1, floorD, zEnd), P(u0, floorD, zEnd)];
      return `<polygon points="${pts.map(([x, y]) => `${n(x)},${n(y)}`).join(" ")}" fill="${fill}"/>`;
    };
    const rail = (u: number) => {
      const [ax, ay] = P(u, floorD, 1);
      const [bx, by] = P(u, floorD, zEnd);
      return `<line x1="${n(ax)}" y1="${n(ay)}" x2="${n(bx)}" y2="${n(by)}" stroke="#d9dee6" stroke-width="5"/>`;
    };
    const sleepers = (u0: number, u1: number) =>
      times(40, (i) => {
        const z = 1 / (1 - i / 42);
        const [ax, y] = P(u0, floorD, z);
        const [bx] = P(u1, floorD, z);
        return `<line x1="${n(ax)}" y1="${n(y)}" x2="${n(bx)}" y2="${n(y)}" stroke="#3c2d22" stroke-width="${n(16 / z)}"/>`;
      }).join("");
    const tracks = [-410, 410]
      .map((c) => strip(c - 200, c + 200, "#39352f") + sleepers(c - 150, c + 150) + rail(c - 110) + rail(c + 110))
      .join("");
    const edge = (u: number) => strip(u - 14, u + 14, "#f2c94c");
    const people = [
      [-700, 1.6],
      [-760, 3.2],
      [80, 2.2],
      [-40, 4.5],
      [700, 1.9],
      [760, 5.5],
      [120, 7],
    ]
      .map(([u, z]) => {
        const [x, y] = P(u!, floorD, z!);
        return person(
          x,
          y,
          330 / z!,
          "#1f2530",
          ["#2e3f5c", "#5a2e3a", "#3e4a36"][Math.floor(r() * 3)]!,
          Math.floor(r() * 3),
        );
      })
      .join("");
    const [ex1, ey] = P(-hw, spring, zEnd);
    const [ex2] = P(hw, spring, zEnd);
    const [, fy] = P(0, floorD, zEnd);
    const clockP = P(0, -200, 2.65);
    return `<defs>${lin("roof", ["#cfdbe6", "#8fa3b8"])}${lin("end", ["#fff3d6", "#ffd79a"])}${glow("sun", "#fff0c8", 1)}
        ${lin("shaft", [
          [0, "#fffbe8", 0.35],
          [1, "#fffbe8", 0],
        ])}${lin("floor", ["#9a9a96", "#6e6d6a"])}${blur("b18", 18)}</defs>
      <rect width="${W}" height="${H}" fill="url(#roof)"/>
      <path d="${arch(zEnd)} L${n(ex2)} ${n(fy)} L${n(ex1)} ${n(fy)}Z" fill="url(#end)"/>
      ${times(7, (i) => `<line x1="${n(ex1 + ((ex2 - ex1) * (i + 1)) / 8)}" y1="${n(ey - 60)}" x2="${n(ex1 + ((ex2 - ex1) * (i + 1)) / 8)}" y2="${n(fy)}" stroke="#b9a98a" stroke-width="2"/>`).join("")}
      <circle cx="${vx}" cy="${vy}" r="260" fill="url(#sun)" opacity="0.8"/>
      ${glazing}${wall(-1)}${wall(1)}
      ${strip(-hw, hw, "url(#floor)")}${tracks}${edge(-624)}${edge(-196)}${edge(196)}${edge(624)}
      <g filter="url(#b18)"><polygon points="560,0 760,0 640,${H} 300,${H}" fill="url(#shaft)"/><polygon points="980,0 1120,0 1240,${H} 960,${H}" fill="url(#shaft)"/></g>
      ${ribs}
      <line x1="${n(clockP[0])}" y1="${n(vy - (crown - 10) / 2.65)}" x2="${n(clockP[0])}" y2="${n(clockP[1])}" stroke="#26303f" stroke-width="3"/>
      <circle cx="${n(clockP[0])}" cy="${n(clockP[1] + 26)}" r="30" fill="#f4f1e8" stroke="#26303f" stroke-width="6"/>
      <line x1="${n(clockP[0])}" y1="${n(clockP[1] + 26)}" x2="${n(clockP[0])}" y2="${n(clockP[1] + 8)}" stroke="#26303f" stroke-width="3"/>
      <line x1="${n(clockP[0])}" y1="${n(clockP[1] + 26)}" x2="${n(clockP[0] + 14)}" y2="${n(clockP[1] + 30)}" stroke="#26303f" stroke-width="3"/>
      ${people}
      ${vignette(0.35)}`;
  },

  "wind-farm": () => {
    const r = rng(909);
    const horizon = 560;
    const turbine = (x: number, base: number, s: number, a: number, tone: string, haze: number) => {
      const L = 175;
      const blade = `<path d="M-6 -10 C-15 ${-L * 0.3} -7 ${-L * 0.85} 0 ${-L} C3 ${-L * 0.85} 6 ${-L * 0.3} 6 -10Z" fill="${tone}"/>`;
      return `<g transform="translate(${x} ${base}) scale(${s})" opacity="${1 - haze}">
        <rect x="-10" y="-14" width="20" height="18" fill="#f2c230"/>
        <path d="M-8 -14 L-4 -330 L4 -330 L8 -14Z" fill="${tone}"/>
        <rect x="-10" y="-342" width="34" height="16" rx="7" fill="${tone}"/>
        <g transform="translate(-12 -334)">${[0, 120, 240].map((d) => `<g transform="rotate(${a + d})">${blade}</g>`).join("")}<circle r="9" fill="${tone}"/></g></g>`;
    };
    const ts: [number, number, number, number, number][] = [
      [250, horizon + 160, 1.25, 12, 0],
      [640, horizon + 92, 0.95, 47, 0.05],
      [960, horizon + 50, 0.7, 81, 0.15],
      [1210, horizon + 28, 0.55, 29, 0.25],
      [1400, horizon + 16, 0.44, 63, 0.32],
      [1540, horizon + 9, 0.36, 5, 0.38],
      [110, horizon + 30, 0.5, 70, 0.28],
      [470, horizon + 14, 0.4, 100, 0.35],
      [800, horizon + 6, 0.32, 20, 0.42],
    ];
    const farm = ts
      .slice()
      .sort((a, b) => a[2] - b[2])
      .map(([x, y, s, a, hz]) => turbine(x, y, s, a, hz > 0.2 ? "#e8eef5" : "#f7f9fb", hz))
      .join("");
    const waves = times(70, () => {
      const y = horizon + 10 + r() ** 1.6 * 330;
      const x = r() * W;
      const w = 10 + (y - horizon) * 0.25;
      return `<path d="M${n(x)} ${n(y)} q${n(w / 2)} ${n(-w / 6)} ${n(w)} 0" stroke="#a9d2ea" stroke-width="${n(1 + (y - horizon) / 140)}" fill="none" opacity="${n(0.35 + r() * 0.3)}"/>`;
    }).join("");
    return `<defs>${lin("sky", ["#3f74b5", "#7fa9d6", "#d8d9dc", "#f6d2ad"])}${lin("sea", ["#5d88a8", "#2f6283", "#123a55"])}
        ${glow("sun", "#fff1d2", 1)}${blur("b16", 16)}${blur("b3", 3)}</defs>
      <rect width="${W}" height="${horizon}" fill="url(#sky)"/>
      <circle cx="1250" cy="${horizon - 120}" r="380" fill="url(#sun)" opacity="0.8"/><circle cx="1250" cy="${horizon - 120}" r="44" fill="#fffaf0"/>
      <g filter="url(#b16)" fill="#ffffff" opacity="0.7">
        <ellipse cx="300" cy="160" rx="240" ry="36"/><ellipse cx="420" cy="135" rx="140" ry="40"/><ellipse cx="900" cy="230" rx="300" ry="26"/>
        <ellipse cx="1380" cy="110" rx="220" ry="30"/><ellipse cx="1500" cy="90" rx="120" ry="30"/><ellipse cx="700" cy="360" rx="400" ry="14"/>
      </g>
      <rect y="${horizon}" width="${W}" height="${H - horizon}" fill="url(#sea)"/>
      <rect x="-10" y="${horizon - 10}" width="${W + 20}" height="24" fill="#f3e2cf" opacity="0.5" filter="url(#b3)"/>
      ${times(40, (i) => `<rect x="${n(1250 - 20 - r() * (20 + i * 5))}" y="${n(horizon + 4 + i * 8)}" width="${n(30 + r() * (40 + i * 6))}" height="${n(2 + i * 0.1)}" fill="#fff6e0" opacity="${n(0.3 + r() * 0.5)}"/>`).join("")}
      ${waves}
      ${reflect("rw", farm, horizon + 160, 0.18, "b3")}
      ${farm}
      ${birds(r, 5, 560, 250, 240, "#2c3e57")}
      ${vignette(0.3)}`;
  },

  "gallery-hall": () => {
    const r = rng(1010);
    // One-point perspective room: back wall from (bx0,by0) to (bx1,by1)
    const bx0 = 430;
    const bx1 = 1170;
    const by0 = 190;
    const by1 = 630;
    // A point on the left wall: t across (0 near edge, 1 back corner), f down (0 ceiling, 1 floor)
    const L = (t: number, f: number) => {
      const x = t * bx0;
      const top = t * by0;
      const bot = H + t * (by1 - H);
      return [x, top + f * (bot - top)] as const;
    };
    const R = (t: number, f: number) => {
      const [x, y] = L(t, f);
      return [W - x, y] as const;
    };
    const quad = (
      map: (t: number, f: number) => readonly [number, number],
      t0: number,
      t1: number,
      f0: number,
      f1: number,
      fill: string,
    ) =>
      `<polygon points="${[map(t0, f0), map(t1, f0), map(t1, f1), map(t0, f1)].map(([x, y]) => `${n(x)},${n(y)}`).join(" ")}" fill="${fill}"/>`;
    const palette = ["#e63946", "#f1c453", "#2a9d8f", "#264653", "#e76f51", "#457b9d", "#f4efe6"];
    const sideWork = (map: (t: number, f: number) => readonly [number, number], t0: number, t1: number) => {
      const f0 = 0.3;
      const f1 = 0.56;
      let s =
        quad(map, t0 - 0.012, t1 + 0.012, f0 - 0.025, f1 + 0.025, "#1f1b18") + quad(map, t0, t1, f0, f1, "#f4efe6");
      // Mondrian-like blocks, mapped onto the wall
      const cols = [0, 0.35 + r() * 0.2, 1];
      const rows = [0, 0.3 + r() * 0.3, 1];
      for (let i = 0; i < 2; i++)
        for (let j = 0; j < 2; j++) {
          const c = palette[Math.floor(r() * palette.length)]!;
          const a0 = t0 + (t1 - t0) * cols[i]!;
          const a1 = t0 + (t1 - t0) * cols[i + 1]!;
          const b0 = f0 + (f1 - f0) * rows[j]!;
          const b1 = f0 + (f1 - f0) * rows[j + 1]!;
          s += quad(map, a0 + 0.004, a1 - 0.004, b0 + 0.006, b1 - 0.006, c);
        }
      const [wx, wy] = map((t0 + t1) / 2, 0.05);
      return (
        `<ellipse cx="${n(wx)}" cy="${n(wy + 60)}" rx="${n(50 + (1 - t0) * 40)}" ry="${n(160 + (1 - t0) * 80)}" fill="url(#wash)"/>` +
        s
      );
    };
    // Three works on the back wall
    const circles = `<rect x="520" y="300" width="180" height="220" fill="#1f1b18"/><rect x="530" y="310" width="160" height="200" fill="#f2ece1"/>
      <circle cx="590" cy="380" r="50" fill="#e76f51"/><circle cx="640" cy="430" r="40" fill="#264653" opacity="0.9"/><circle cx="580" cy="460" r="22" fill="#f1c453"/>`;
    const stripes = `<rect x="735" y="270" width="250" height="280" fill="#1f1b18"/><rect x="745" y="280" width="230" height="260" fill="#f4efe6"/>
      ${times(6, (i) => `<rect x="${755 + i * 36}" y="${290 + (i % 2) * 30}" width="26" height="${200 - (i % 3) * 30}" fill="${palette[i % 6]}"/>`).join("")}`;
    const arcs = `<rect x="1020" y="310" width="130" height="180" fill="#1f1b18"/><rect x="1028" y="318" width="114" height="164" fill="#f2ece1"/>
      <path d="M1040 470 A45 45 0 0 1 1130 470Z" fill="#2a9d8f"/><path d="M1058 470 A27 27 0 0 1 1112 470Z" fill="#f1c453"/><rect x="1040" y="340" width="90" height="14" fill="#e63946"/>`;
    const planks = times(22, (i) => {
      const xb = -900 + i * 160;
      const xt = bx0 + ((bx1 - bx0) * i) / 21;
      return `<line x1="${n(xt)}" y1="${by1}" x2="${n(xb)}" y2="${H}" stroke="#8a6540" stroke-width="2" opacity="0.6"/>`;
    }).join("");
    const floorPts = `0,${H} ${bx0},${by1} ${bx1},${by1} ${W},${H}`;
    const far =
      `<ellipse cx="590" cy="712" rx="44" ry="7" fill="#000" opacity="0.2"/>${person(585, 712, 215, "#2b2a30", "#3d4a5c")}` +
      `<ellipse cx="900" cy="688" rx="30" ry="5" fill="#000" opacity="0.2"/>${person(895, 688, 160, "#2b2a30", "#8c3b3b")}`;
    const bench = `<ellipse cx="800" cy="842" rx="250" ry="14" fill="#000" opacity="0.15" filter="url(#b20)"/>
      <polygon points="640,770 960,770 1000,822 600,822" fill="#3a3029"/><rect x="600" y="822" width="400" height="10" fill="#2a221d"/>
      <rect x="612" y="832" width="12" height="36" fill="#2a221d"/><rect x="976" y="832" width="12" height="36" fill="#2a221d"/>`;
    const near = `<ellipse cx="1300" cy="830" rx="70" ry="10" fill="#000" opacity="0.2"/>${person(1290, 830, 360, "#1f1e24", "#2f3a33", 1)}`;
    return `<defs>${lin("ceil", ["#dcd5c8", "#f1ece3"])}${lin("back", ["#ece6da", "#e2dace"])}
        ${lin("lwall", ["#d9d1c3", "#efe9df"], 1, 0)}${lin("rwall", ["#efe9df", "#d6cebf"], 1, 0)}${lin("floor", ["#c69a68", "#8f6a45"])}
        ${lin("sky", ["#e9f4ff", "#bcd9f2"])}${glow("wash", "#fff8e6", 0.7)}${blur("b20", 20)}</defs>
      <polygon points="0,0 ${W},0 ${bx1},${by0} ${bx0},${by0}" fill="url(#ceil)"/>
      <polygon points="360,40 1240,40 1080,150 520,150" fill="url(#sky)"/>
      ${times(5, (i) => `<line x1="${360 + i * 220}" y1="40" x2="${520 + i * 140}" y2="150" stroke="#9aa6b2" stroke-width="4"/>`).join("")}
      <polygon points="360,40 1240,40 1080,150 520,150" fill="none" stroke="#9aa6b2" stroke-width="6"/>
      <rect x="${bx0}" y="${by0}" width="${bx1 - bx0}" height="${by1 - by0}" fill="url(#back)"/>
      <polygon points="0,0 ${bx0},${by0} ${bx0},${by1} 0,${H}" fill="url(#lwall)"/>
      <polygon points="${W},0 ${bx1},${by0} ${bx1},${by1} ${W},${H}" fill="url(#rwall)"/>
      <defs><clipPath id="fl"><polygon points="${floorPts}"/></clipPath></defs>
      <polygon points="${floorPts}" fill="url(#floor)"/><g clip-path="url(#fl)">${planks}</g>
      <polygon points="0,${H} ${bx0},${by1} ${bx0},${by1 - 6} 0,${H - 14}" fill="#cfc5b4"/><polygon points="${W},${H} ${bx1},${by1} ${bx1},${by1 - 6} ${W},${H - 14}" fill="#cfc5b4"/>
      <ellipse cx="800" cy="240" rx="420" ry="130" fill="url(#wash)" opacity="0.8"/>
      ${circles}${stripes}${arcs}
      ${sideWork(L, 0.12, 0.42)}${sideWork(L, 0.56, 0.8)}${sideWork(R, 0.16, 0.44)}${sideWork(R, 0.58, 0.82)}
      ${far}${bench}${near}
      ${vignette(0.3)}`;
  },

  "rain-street": () => {
    const r = rng(1111);
    const kerb = 640;
    const warm = ["#ffd98a", "#ffc46b", "#ffe9b0"];
    const buildings = skyline(r, kerb - 70, "#2c3444", 200, 480, { windows: warm, lit: 0.3, gap: 0 });
    const shops = times(7, (i) => {
      const x = 20 + i * 230;
      const c = ["#ffcf7a", "#ff9f6b", "#9fd8ff", "#ffd98a", "#ff8fa3", "#ffcf7a", "#a6f0c6"][i]!;
      return `<rect x="${x}" y="${kerb - 150}" width="190" height="80" fill="#1f2531"/><rect x="${x + 10}" y="${kerb - 140}" width="170" height="66" fill="${c}" opacity="0.85"/>
        <rect x="${x - 6}" y="${kerb - 162}" width="202" height="16" fill="${["#7a2e3b", "#2e5a4a", "#374a7a"][i % 3]}"/>`;
    }).join("");
    const lamps = [300, 800, 1300]
      .map(
        (x) =>
          `<rect x="${x - 4}" y="300" width="8" height="${kerb - 300}" fill="#161b24"/><path d="M${x - 22} 300 h44 l-8 -26 h-28Z" fill="#161b24"/>
        <circle cx="${x}" cy="306" r="110" fill="url(#lamp)"/><ellipse cx="${x}" cy="304" rx="16" ry="6" fill="#fff2c8"/>`,
      )
      .join("");
    const street = buildings + shops + lamps;
    const umbrellaFolk = [
      [230, 735, 1, "#e63946", "#2b2f3a"],
      [610, 700, 0.8, "#f4a261", "#3a3140"],
      [990, 760, 1.1, "#2a9d8f", "#283040"],
      [1380, 712, 0.9, "#457b9d", "#3a2f2f"],
    ] as const;
    const folk = umbrellaFolk
      .map(([x, feet, s, canopy, coat], i) => {
        const h = 210 * s;
        const top = feet - h - 40 * s;
        const ribs = times(
          4,
          (k) =>
            `Q${n(x - 95 * s + (k + 0.5) * 47.5 * s)} ${n(top + 40 * s)} ${n(x - 95 * s + (k + 1) * 47.5 * s)} ${n(top + 52 * s)}`,
        ).join(" ");
        const figure = `${person(x - 12 * s, feet, h, "#12151c", coat, i % 2 ? 3 : -2)}
          <line x1="${x}" y1="${n(top)}" x2="${x}" y2="${n(feet - h * 0.7)}" stroke="#12151c" stroke-width="${n(4 * s)}"/>
          <path d="M${n(x - 95 * s)} ${n(top + 52 * s)} Q${n(x - 90 * s)} ${n(top - 30 * s)} ${x} ${n(top - 36 * s)} Q${n(x + 90 * s)} ${n(top - 30 * s)} ${n(x + 95 * s)} ${n(top + 52 * s)} ${ribs}Z" fill="${canopy}"/>
          <path d="M${x} ${n(top - 36 * s)} Q${n(x - 30 * s)} ${n(top)} ${n(x - 47 * s)} ${n(top + 46 * s)} M${x} ${n(top - 36 * s)} Q${n(x + 30 * s)} ${n(top)} ${n(x + 47 * s)} ${n(top + 46 * s)}" stroke="#000" stroke-opacity="0.25" stroke-width="${n(3 * s)}" fill="none"/>`;
        return `<g opacity="0.28" filter="url(#b3)" transform="translate(0 ${2 * feet}) scale(1 -1)">${figure}</g>${figure}`;
      })
      .join("");
    const streaks = times(16, (i) => {
      const x = 40 + i * 100 + r() * 40;
      return `<rect x="${n(x)}" y="${kerb + 4}" width="${n(14 + r() * 24)}" height="${n(120 + r() * 160)}" fill="url(#streak${i % 3})" opacity="0.7"/>`;
    }).join("");
    const rain = times(260, () => {
      const x = r() * (W + 120);
      const y = r() * H;
      const l = 20 + r() * 30;
      return `<line x1="${n(x)}" y1="${n(y)}" x2="${n(x - l * 0.25)}" y2="${n(y + l)}" stroke="#dbe6f3" stroke-width="1.6" opacity="${n(0.2 + r() * 0.35)}"/>`;
    }).join("");
    const ripples = times(22, () => {
      const x = r() * W;
      const y = kerb + 60 + r() * 230;
      const s = 0.5 + (y - kerb) / 200;
      return `<ellipse cx="${n(x)}" cy="${n(y)}" rx="${n(18 * s)}" ry="${n(4 * s)}" fill="none" stroke="#c9d6e6" stroke-width="1.5" opacity="0.35"/>`;
    }).join("");
    return `<defs>${lin("sky", ["#273246", "#4a5970", "#6f7e94"])}${lin("road", ["#2a303b", "#161a21"])}${glow("lamp", "#ffd68a", 0.85)}
        ${warm
          .map((c, i) =>
            lin(`streak${i}`, [
              [0, c, 0.6],
              [1, c, 0],
            ]),
          )
          .join("")}
        ${blur("b3", 3)}${blur("b6", 6)}${blur("b30", 30)}</defs>
      <rect width="${W}" height="${kerb}" fill="url(#sky)"/>
      <ellipse cx="800" cy="${kerb - 200}" rx="900" ry="240" fill="#8f9bb0" opacity="0.35" filter="url(#b30)"/>
      ${street}
      <rect y="${kerb - 70}" width="${W}" height="70" fill="#1b2029"/>
      <rect y="${kerb}" width="${W}" height="${H - kerb}" fill="url(#road)"/>
      ${reflect("rs", street, kerb - 6, 0.45, "b6")}
      <g filter="url(#b6)">${streaks}</g>
      <rect y="${kerb - 4}" width="${W}" height="8" fill="#4b5566"/>
      ${ripples}${folk}
      ${rain}
      ${vignette(0.45)}`;
  },

  "harbour-cranes": () => {
    const r = rng(1212);
    const quay = 610;
    const ink = "#24152c";
    const crane = (x: number, s: number, raised: boolean) => {
      const boom = raised
        ? `<g transform="translate(60 -330) rotate(-55)"><rect x="0" y="-8" width="290" height="18" fill="${ink}"/>${times(9, (i) => `<line x1="${i * 30}" y1="10" x2="${i * 30 + 15}" y2="30" stroke="${ink}" stroke-width="4"/><line x1="${i * 30 + 15}" y1="30" x2="${i * 30 + 30}" y2="10" stroke="${ink}" stroke-width="4"/>`).join("")}<rect x="0" y="28" width="270" height="6" fill="${ink}"/></g>
           <line x1="0" y1="-470" x2="${n(60 + 290 * Math.cos(-55 * (Math.PI / 180)))}" y2="${n(-330 + 290 * Math.sin(-55 * (Math.PI / 180)))}" stroke="${ink}" stroke-width="4"/>`
        : `<rect x="60" y="-340" width="470" height="18" fill="${ink}"/><rect x="60" y="-304" width="450" height="6" fill="${ink}"/>
           ${times(15, (i) => `<line x1="${60 + i * 30}" y1="-322" x2="${75 + i * 30}" y2="-304" stroke="${ink}" stroke-width="4"/><line x1="${75 + i * 30}" y1="-304" x2="${90 + i * 30}" y2="-322" stroke="${ink}" stroke-width="4"/>`).join("")}
           <line x1="0" y1="-470" x2="300" y2="-340" stroke="${ink}" stroke-width="4"/><line x1="0" y1="-470" x2="520" y2="-340" stroke="${ink}" stroke-width="4"/>
           <rect x="330" y="-300" width="44" height="26" fill="${ink}"/><line x1="344" y1="-274" x2="344" y2="-160" stroke="${ink}" stroke-width="2"/><line x1="360" y1="-274" x2="360" y2="-160" stroke="${ink}" stroke-width="2"/><rect x="322" y="-162" width="60" height="12" fill="${ink}"/>`;
      return `<g transform="translate(${x} ${quay}) scale(${s})">
        <rect x="-80" y="-340" width="16" height="340" fill="${ink}"/><rect x="64" y="-340" width="16" height="340" fill="${ink}"/>
        <line x1="-72" y1="-40" x2="72" y2="-200" stroke="${ink}" stroke-width="6"/><line x1="72" y1="-40" x2="-72" y2="-200" stroke="${ink}" stroke-width="6"/>
        <rect x="-80" y="-210" width="160" height="12" fill="${ink}"/><rect x="-90" y="-12" width="180" height="12" fill="${ink}"/>
        <polygon points="-70,-340 -10,-470 10,-470 70,-340 54,-340 0,-452 -54,-340" fill="${ink}"/>
        <rect x="-230" y="-340" width="300" height="18" fill="${ink}"/><line x1="0" y1="-470" x2="-220" y2="-340" stroke="${ink}" stroke-width="4"/>
        <rect x="-120" y="-372" width="70" height="34" fill="${ink}"/><rect x="-40" y="-330" width="60" height="34" fill="${ink}"/><rect x="-34" y="-324" width="16" height="10" fill="#ffb86b" opacity="0.8"/>
        ${boom}<circle cx="0" cy="-472" r="4" fill="#ff4d4d"/></g>`;
    };
    const stack = (x0: number, x1: number, base: number, rows: number) => {
      let s = "";
      const cols = ["#7c3b3f", "#36506b", "#8a5a2e", "#3f5a45", "#5b3c62"];
      for (let x = x0; x < x1; x += 58) {
        const h = 1 + Math.floor(r() * rows);
        for (let k = 0; k < h; k++)
          s += `<rect x="${x}" y="${base - (k + 1) * 26}" width="56" height="24" fill="${cols[Math.floor(r() * cols.length)]}"/>`;
      }
      return s;
    };
    const deck = quay - 44;
    const ship = `${stack(1030, 1440, deck, 4)}
      <path d="M990 ${deck} L1620 ${deck} L1620 ${quay + 10} L1030 ${quay + 10}Z" fill="${ink}"/><rect x="990" y="${deck - 10}" width="40" height="12" fill="${ink}"/>
      <rect x="1460" y="${deck - 130}" width="90" height="132" fill="${ink}"/><rect x="1450" y="${deck - 146}" width="112" height="18" fill="${ink}"/><rect x="1500" y="${deck - 190}" width="10" height="46" fill="${ink}"/>
      ${times(3, (i) => `<rect x="${1472 + i * 26}" y="${deck - 112}" width="16" height="10" fill="#ffcf8a" opacity="0.85"/>`).join("")}
      ${times(10, (i) => `<circle cx="${1060 + i * 52}" cy="${deck + 20}" r="3" fill="#ffcf8a" opacity="0.6"/>`).join("")}`;
    const scene = `${stack(-20, 1000, quay, 3)}${crane(170, 0.88, false)}${crane(860, 1.05, true)}${crane(1300, 0.9, false)}
      <rect x="-10" y="${quay}" width="${W + 20}" height="12" fill="${ink}"/>${ship}`;
    return `<defs>${lin("sky", ["#221544", "#5d2a6b", "#b8456a", "#f0794f", "#ffc46e"])}${lin("water", ["#f59a5c", "#a5476a", "#3d2150", "#160c24"])}
        ${glow("sun", "#ffd08a", 0.95)}${blur("b2", 2)}${blur("b16", 16)}</defs>
      <rect width="${W}" height="${quay + 10}" fill="url(#sky)"/>
      <circle cx="620" cy="${quay - 40}" r="460" fill="url(#sun)" opacity="0.8"/>
      <circle cx="620" cy="${quay - 70}" r="110" fill="#ffe1a3"/>
      <g filter="url(#b16)" opacity="0.6"><ellipse cx="400" cy="160" rx="360" ry="16" fill="#e0698a"/><ellipse cx="1100" cy="250" rx="420" ry="12" fill="#ff9a7a"/><ellipse cx="1300" cy="120" rx="260" ry="14" fill="#a04a7f"/></g>
      ${birds(r, 6, 420, 200, 260, ink)}
      ${scene}
      <rect y="${quay + 10}" width="${W}" height="${H - quay - 10}" fill="url(#water)"/>
      ${reflect("rh", scene, quay + 10, 0.4, "b2")}
      ${times(44, (i) => `<rect x="${n(620 - 30 - r() * (20 + i * 4))}" y="${n(quay + 16 + i * 6)}" width="${n(40 + r() * (50 + i * 4))}" height="2.5" fill="#ffe1a3" opacity="${n(0.25 + r() * 0.5)}"/>`).join("")}
      ${vignette(0.4)}`;
  },
};

// ---------------------------------------------------------------- pictures

const args = process.argv.slice(2);
const only = args
  .find((a) => a.startsWith("--only="))
  ?.slice("--only=".length)
  .split(",");
const withVideo = !args.includes("--no-video") && !only;

fs.mkdirSync(OUT, { recursive: true });
for (const [key, draw] of Object.entries(scenes)) {
  if (only && !only.includes(key)) continue;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}">${draw()}</svg>`;
  const file = path.join(OUT, `${key}.jpg`);
  await sharp(Buffer.from(svg)).jpeg({ quality: 78, progressive: true, mozjpeg: true }).toFile(file);
  const kb = fs.statSync(file).size / 1024;
  console.log(`${key}.jpg ${kb.toFixed(0)} KB${kb > 120 ? "  (over the 120 KB budget)" : ""}`);
}

// ---------------------------------------------------------------- video

/** The ffmpeg argument lists for the video and its poster (see the shell equivalents at the bottom of this file). */
function videoCommands(out: string) {
  const serif = "/usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf";
  const italic = "/usr/share/fonts/truetype/dejavu/DejaVuSerif-Italic.ttf";
  const hasFont = fs.existsSync(serif) && fs.existsSync(italic);
  const fadeIn = (start: number, length: number) => `alpha='clip((t-${start})/${length},0,1)'`;
  const title = hasFont
    ? `,drawtext=fontfile=${serif}:text='London Daily':fontsize=64:fontcolor=0xf8f3ea:shadowcolor=0x000000@0.45:shadowx=2:shadowy=3:x=(w-text_w)/2:y=(h/2)-78:${fadeIn(0.2, 1)}` +
      `,drawbox=x=(iw-220)/2:y=(ih/2)+4:w=220:h=2:color=0xe8c27a@0.9:t=fill:enable='gte(t,0.9)'` +
      `,drawtext=fontfile=${italic}:text='Focus on the big picture.':fontsize=28:fontcolor=0xf8f3ea:shadowcolor=0x000000@0.45:shadowx=1:shadowy=2:x=(w-text_w)/2:y=(h/2)+24:${fadeIn(0.8, 1)}`
    : "";
  const video = path.join(out, "demo-video.mp4");
  const filter =
    // a slowly turning four-colour gradient, lit by soft drifting blobs from Conway's game of life
    `[0:v]format=gbrp[bg];[1:v]scale=640:360:flags=bicubic,gblur=sigma=9,format=gbrp[glow];` +
    `[bg][glow]blend=all_mode=screen:all_opacity=0.22,format=yuv420p,vignette=angle=PI/4.5` +
    `${title},fade=t=in:st=0:d=0.6,fade=t=out:st=9.2:d=0.8[v];` +
    `[2:a]volume=0.6,afade=t=in:d=1.5,afade=t=out:st=8:d=2[a]`;
  const encode = [
    "-y",
    "-hide_banner",
    "-loglevel",
    "error",
    "-f",
    "lavfi",
    "-i",
    "gradients=s=640x360:d=10:r=25:speed=0.012:seed=7:n=4:c0=0x0d1a3a:c1=0x3b2a6e:c2=0x8f2d4c:c3=0x12506a",
    "-f",
    "lavfi",
    "-i",
    "life=s=160x90:r=25:seed=11:ratio=0.08:mold=12:life_color=0xffd9a0:death_color=0x000000:mold_color=0x4a2a5a",
    "-f",
    "lavfi",
    "-i",
    "aevalsrc=0.04*sin(2*PI*220*t)+0.025*sin(2*PI*277.18*t)+0.025*sin(2*PI*329.63*t):s=44100:c=stereo:d=10",
    "-filter_complex",
    filter,
    "-map",
    "[v]",
    "-map",
    "[a]",
    "-t",
    "10",
    "-c:v",
    "libx264",
    "-profile:v",
    "high",
    "-preset",
    "slow",
    "-crf",
    "24",
    "-pix_fmt",
    "yuv420p",
    "-g",
    "50",
    "-c:a",
    "aac",
    "-b:a",
    "64k",
    "-movflags",
    "+faststart",
    video,
  ];
  const poster = [
    "-y",
    "-hide_banner",
    "-loglevel",
    "error",
    "-ss",
    "2",
    "-i",
    video,
    "-frames:v",
    "1",
    "-vf",
    "scale=640:360",
    "-q:v",
    "4",
    path.join(out, "demo-video-poster.jpg"),
  ];
  return { encode, poster, video };
}

const captions = `WEBVTT

00:00:00.000 --> 00:00:02.500
[Soft chord] A slow wash of deep blue and crimson drifts across the screen.

00:00:02.500 --> 00:00:05.000
London Daily.

00:00:05.000 --> 00:00:07.500
London Daily: focus on the big picture.

00:00:07.500 --> 00:00:10.000
News from London, the UK and the world. [Music fades]
`;

function hasFfmpeg(): boolean {
  try {
    execFileSync("ffmpeg", ["-version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

if (withVideo) {
  if (!hasFfmpeg()) {
    console.log("ffmpeg not found: skipping the video (install it with the OS package manager)");
  } else {
    const { encode, poster, video } = videoCommands(OUT);
    execFileSync("ffmpeg", encode, { stdio: "inherit" });
    execFileSync("ffmpeg", poster, { stdio: "inherit" });
    fs.writeFileSync(path.join(OUT, "demo-video.en.vtt"), captions);
    console.log(`demo-video.mp4 ${(fs.statSync(video).size / 1024).toFixed(0)} KB, poster and captions written`);
  }
}

/*
The video step runs these two ffmpeg commands (from the repository root; ffmpeg 5.1, Debian 12):

ffmpeg -y -hide_banner -loglevel error \
  -f lavfi -i "gradients=s=640x360:d=10:r=25:speed=0.012:seed=7:n=4:c0=0x0d1a3a:c1=0x3b2a6e:c2=0x8f2d4c:c3=0x12506a" \
  -f lavfi -i "life=s=160x90:r=25:seed=11:ratio=0.08:mold=12:life_color=0xffd9a0:death_color=0x000000:mold_color=0x4a2a5a" \
  -f lavfi -i "aevalsrc=0.04*sin(2*PI*220*t)+0.025*sin(2*PI*277.18*t)+0.025*sin(2*PI*329.63*t):s=44100:c=stereo:d=10" \
  -filter_complex "[0:v]format=gbrp[bg];[1:v]scale=640:360:flags=bicubic,gblur=sigma=9,format=gbrp[glow];\
[bg][glow]blend=all_mode=screen:all_opacity=0.22,format=yuv420p,vignette=angle=PI/4.5,\
drawtext=fontfile=/usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf:text='London Daily':fontsize=64:fontcolor=0xf8f3ea:shadowcolor=0x000000@0.45:shadowx=2:shadowy=3:x=(w-text_w)/2:y=(h/2)-78:alpha='clip((t-0.2)/1,0,1)',\
drawbox=x=(iw-220)/2:y=(ih/2)+4:w=220:h=2:color=0xe8c27a@0.9:t=fill:enable='gte(t,0.9)',\
drawtext=fontfile=/usr/share/fonts/truetype/dejavu/DejaVuSerif-Italic.ttf:text='Focus on the big picture.':fontsize=28:fontcolor=0xf8f3ea:shadowcolor=0x000000@0.45:shadowx=1:shadowy=2:x=(w-text_w)/2:y=(h/2)+24:alpha='clip((t-0.8)/1,0,1)',\
fade=t=in:st=0:d=0.6,fade=t=out:st=9.2:d=0.8[v];\
[2:a]volume=0.6,afade=t=in:d=1.5,afade=t=out:st=8:d=2[a]" \
  -map "[v]" -map "[a]" -t 10 \
  -c:v libx264 -profile:v high -preset slow -crf 24 -pix_fmt yuv420p -g 50 \
  -c:a aac -b:a 64k -movflags +faststart \
  src/demo/media/demo-video.mp4

ffmpeg -y -hide_banner -loglevel error -ss 2 -i src/demo/media/demo-video.mp4 \
  -frames:v 1 -vf scale=640:360 -q:v 4 src/demo/media/demo-video-poster.jpg

Without the DejaVu fonts the two drawtext filters and the drawbox are left out (a textless card).
*/
