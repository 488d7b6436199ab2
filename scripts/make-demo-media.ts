// Makes the demo newsroom's original pictures and video (committed under src/demo/media).
// Pictures are drawn here as SVG and encoded with sharp; the video is rendered by ffmpeg.
// Run: npx tsx scripts/make-demo-media.ts   (ffmpeg from the OS package manager for the video)
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import sharp from "sharp";

const OUT = path.resolve("src/demo/media");
const W = 1600;
const H = 900;

function rng(seed: number) {
  let s = seed >>> 0;
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

const sky = (id: string, stops: string[]) =>
  `<linearGradient id="${id}" x1="0" y1="0" x2="0" y2="1">${stops
    .map((c, i) => `<stop offset="${(i / (stops.length - 1)).toFixed(2)}" stop-color="${c}"/>`)
    .join("")}</linearGradient>`;

function skyline(r: () => number, baseY: number, color: string, minH: number, maxH: number, windows = false): string {
  let x = 0;
  let out = "";
  while (x < W) {
    const w = 40 + r() * 90;
    const h = minH + r() * (maxH - minH);
    out += `<rect x="${x.toFixed(0)}" y="${(baseY - h).toFixed(0)}" width="${w.toFixed(0)}" height="${h.toFixed(0)}" fill="${color}"/>`;
    if (windows) {
      for (let wy = baseY - h + 14; wy < baseY - 10; wy += 22) {
        for (let wx = x + 8; wx < x + w - 12; wx += 18) {
          if (r() < 0.35)
            out += `<rect x="${wx.toFixed(0)}" y="${wy.toFixed(0)}" width="8" height="11" fill="#ffd98a" opacity="${(0.5 + r() * 0.5).toFixed(2)}"/>`;
        }
      }
    }
    x += w + 2;
  }
  return out;
}

const scenes: Record<string, () => string> = {
  "thames-dawn": () => {
    const r = rng(1);
    return `<defs>${sky("s", ["#2b3a67", "#f2a365", "#ffd6a0"])}${sky("w", ["#e79a63", "#34416b"])}</defs>
      <rect width="${W}" height="${H}" fill="url(#s)"/><circle cx="1150" cy="520" r="90" fill="#ffe7b8" opacity="0.9"/>
      ${skyline(r, 560, "#2a2f4a", 40, 200)}
      <rect y="560" width="${W}" height="340" fill="url(#w)"/>
      <path d="M0 520 Q400 380 800 520 Q1200 380 1600 520 L1600 545 Q1200 410 800 545 Q400 410 0 545Z" fill="#1d2238"/>
      ${[200, 600, 1000, 1400].map((x) => `<rect x="${x - 12}" y="520" width="24" height="60" fill="#1d2238"/>`).join("")}
      ${Array.from({ length: 40 }, (_, i) => `<rect x="${(1150 - 80 + r() * 160).toFixed(0)}" y="${600 + i * 7}" width="${(30 + r() * 90).toFixed(0)}" height="3" fill="#ffe7b8" opacity="${(0.2 + r() * 0.5).toFixed(2)}"/>`).join("")}`;
  },
  "city-skyline": () => {
    const r = rng(2);
    return `<defs>${sky("s", ["#0b1026", "#1c2a5a", "#3d4f8f"])}</defs><rect width="${W}" height="${H}" fill="url(#s)"/>
      ${Array.from({ length: 120 }, () => `<circle cx="${(r() * W).toFixed(0)}" cy="${(r() * 420).toFixed(0)}" r="${(r() * 1.8 + 0.4).toFixed(1)}" fill="#fff" opacity="${(0.3 + r() * 0.7).toFixed(2)}"/>`).join("")}
      <circle cx="1320" cy="150" r="56" fill="#f4f1de"/>
      ${skyline(r, 900, "#1a1f3a", 160, 420)}${skyline(r, 900, "#111427", 80, 300, true)}`;
  },
  parliament: () => {
    const r = rng(3);
    return `<defs>${sky("s", ["#3b2c5a", "#c8637a", "#f6b26b"])}</defs><rect width="${W}" height="${H}" fill="url(#s)"/>
      <g fill="#221a33"><rect x="980" y="170" width="120" height="560"/><polygon points="980,170 1040,40 1100,170"/>
      <rect x="1000" y="230" width="80" height="80" fill="#f7e3a1"/><circle cx="1040" cy="270" r="30" fill="#221a33"/>
      <rect x="200" y="470" width="1300" height="260"/>${Array.from({ length: 26 }, (_, i) => `<polygon points="${210 + i * 50},470 ${225 + i * 50},420 ${240 + i * 50},470"/>`).join("")}</g>
      ${Array.from({ length: 60 }, (_, i) => `<rect x="${230 + (i % 30) * 42}" y="${510 + Math.floor(i / 30) * 80}" width="14" height="40" fill="#f7e3a1" opacity="${(0.3 + r() * 0.6).toFixed(2)}"/>`).join("")}
      <rect y="730" width="${W}" height="170" fill="#2c2340"/>`;
  },
  "market-chart": () => {
    const r = rng(4);
    let y = 600;
    const pts: string[] = [];
    for (let x = 80; x <= 1520; x += 40) {
      y = Math.min(780, Math.max(140, y + (r() - 0.52) * 90));
      pts.push(`${x},${y.toFixed(0)}`);
    }
    let y2 = 500;
    const pts2: string[] = [];
    for (let x = 80; x <= 1520; x += 40) {
      y2 = Math.min(780, Math.max(140, y2 + (r() - 0.47) * 70));
      pts2.push(`${x},${y2.toFixed(0)}`);
    }
    return `<rect width="${W}" height="${H}" fill="#0f1b2d"/>
      ${Array.from({ length: 9 }, (_, i) => `<line x1="80" x2="1520" y1="${120 + i * 80}" y2="${120 + i * 80}" stroke="#28405f" stroke-width="2"/>`).join("")}
      ${Array.from({ length: 19 }, (_, i) => `<line y1="120" y2="760" x1="${80 + i * 80}" x2="${80 + i * 80}" stroke="#1d3049" stroke-width="2"/>`).join("")}
      ${pts
        .map((p) => {
          const [x, yy] = p.split(",").map(Number);
          return `<rect x="${x! - 8}" y="${yy!}" width="16" height="${(800 - yy!).toFixed(0)}" fill="#1f3b5c" opacity="0.6"/>`;
        })
        .join("")}
      <polyline points="${pts.join(" ")}" fill="none" stroke="#ff6b6b" stroke-width="7" stroke-linejoin="round"/>
      <polyline points="${pts2.join(" ")}" fill="none" stroke="#4ecdc4" stroke-width="7" stroke-linejoin="round"/>`;
  },
  "circuit-board": () => {
    const r = rng(5);
    let out = `<rect width="${W}" height="${H}" fill="#0b3d2e"/>`;
    for (let i = 0; i < 70; i++) {
      let x = Math.round(r() * 40) * 40;
      let y = Math.round(r() * 22) * 40;
      let d = `M${x} ${y}`;
      for (let s = 0; s < 6; s++) {
        if (r() < 0.5) x += (r() < 0.5 ? -1 : 1) * 40 * (1 + Math.floor(r() * 4));
        else y += (r() < 0.5 ? -1 : 1) * 40 * (1 + Math.floor(r() * 3));
        d += ` L${x} ${y}`;
      }
      out += `<path d="${d}" fill="none" stroke="#d4a94a" stroke-width="5" opacity="0.85"/><circle cx="${x}" cy="${y}" r="9" fill="#f2d27a"/>`;
    }
    return `${out}<rect x="620" y="300" width="360" height="300" rx="16" fill="#111"/><rect x="660" y="340" width="280" height="220" rx="8" fill="#2b2b2b"/>
      ${Array.from({ length: 12 }, (_, i) => `<rect x="${640 + i * 28}" y="280" width="12" height="24" fill="#c9c9c9"/><rect x="${640 + i * 28}" y="596" width="12" height="24" fill="#c9c9c9"/>`).join("")}`;
  },
  "stadium-lights": () => {
    const r = rng(6);
    return `<defs>${sky("s", ["#05070f", "#131a33"])}<radialGradient id="g"><stop offset="0" stop-color="#fffbe6"/><stop offset="1" stop-color="#fffbe6" stop-opacity="0"/></radialGradient></defs>
      <rect width="${W}" height="${H}" fill="url(#s)"/>
      ${[160, 1440].map((x) => `<rect x="${x - 6}" y="120" width="12" height="420" fill="#2a2f45"/><rect x="${x - 70}" y="90" width="140" height="50" fill="#e9ecf5"/><circle cx="${x}" cy="115" r="260" fill="url(#g)" opacity="0.55"/>`).join("")}
      <polygon points="120,560 1480,560 1600,900 0,900" fill="#2f8f46"/>
      ${Array.from({ length: 8 }, (_, i) => `<polygon points="${120 + i * 170},560 ${290 + i * 170},560 ${200 * (i + 1)},900 ${200 * i},900" fill="#37a152" opacity="${i % 2 ? 0.9 : 0}"/>`).join("")}
      <polyline points="800,560 800,900" stroke="#eef" stroke-width="5"/><ellipse cx="800" cy="700" rx="150" ry="60" fill="none" stroke="#eef" stroke-width="5"/>
      <rect y="470" width="${W}" height="90" fill="#1b2033"/>${Array.from({ length: 300 }, () => `<circle cx="${(r() * W).toFixed(0)}" cy="${(480 + r() * 70).toFixed(0)}" r="4" fill="${["#c0392b", "#ecf0f1", "#2980b9"][Math.floor(r() * 3)]}" opacity="0.7"/>`).join("")}`;
  },
  "theatre-stage": () =>
    `<defs><radialGradient id="sp" cx="0.5" cy="0.75" r="0.45"><stop offset="0" stop-color="#fff3c4" stop-opacity="0.9"/><stop offset="1" stop-color="#fff3c4" stop-opacity="0"/></radialGradient>
      <linearGradient id="c" x1="0" x2="1"><stop offset="0" stop-color="#5c0a14"/><stop offset="0.5" stop-color="#a3162b"/><stop offset="1" stop-color="#5c0a14"/></linearGradient></defs>
      <rect width="${W}" height="${H}" fill="#120608"/><rect x="0" y="700" width="${W}" height="200" fill="#3b2314"/>
      <ellipse cx="800" cy="720" rx="420" ry="70" fill="#fff3c4" opacity="0.35"/><rect width="${W}" height="${H}" fill="url(#sp)"/>
      ${Array.from({ length: 8 }, (_, i) => `<rect x="${i * 60}" y="0" width="60" height="760" fill="url(#c)"/><rect x="${W - 60 - i * 60}" y="0" width="60" height="760" fill="url(#c)"/>`).join("")}
      <path d="M0 0 H${W} V120 Q800 200 0 120Z" fill="#7d0f1f"/>
      ${Array.from({ length: 16 }, (_, i) => `<ellipse cx="${100 + i * 100}" cy="880" rx="46" ry="60" fill="#050203"/>`).join("")}`,
  "rail-station": () => {
    const lines = Array.from(
      { length: 12 },
      (_, i) =>
        `<path d="M${i * 145} 0 Q800 -200 ${1600 - i * 145} 0" stroke="#6d7a8c" stroke-width="6" fill="none" transform="translate(0 ${180 + i * 4})"/>`,
    ).join("");
    return `<defs>${sky("s", ["#dfe7ef", "#9fb3c8"])}</defs><rect width="${W}" height="${H}" fill="url(#s)"/>
      ${Array.from({ length: 9 }, (_, i) => `<path d="M${-200 + i * 250} 900 Q800 ${-100 + i * 10} ${1800 - i * 250} 900" stroke="#3e4a5c" stroke-width="10" fill="none" opacity="0.7"/>`).join("")}
      ${lines}<polygon points="0,900 700,520 900,520 1600,900" fill="#5b6472"/>
      ${[0, 1, 2, 3].map((i) => `<line x1="${760 + i * 27 - 40}" y1="520" x2="${300 + i * 330}" y2="900" stroke="#c9ced6" stroke-width="6"/>`).join("")}
      ${Array.from({ length: 14 }, (_, i) => `<rect x="${700 - i * 10}" y="${530 + i * 27}" width="${200 + i * 20}" height="6" fill="#3a2e25"/>`).join("")}`;
  },
  "wind-farm": () => {
    const r = rng(9);
    const turbine = (x: number, y: number, s: number, a: number) =>
      `<g transform="translate(${x} ${y}) scale(${s})"><rect x="-5" y="0" width="10" height="300" fill="#f4f6f8"/>${[0, 120, 240].map((d) => `<rect x="-4" y="-170" width="8" height="170" rx="4" fill="#f4f6f8" transform="rotate(${a + d})"/>`).join("")}<circle r="10" fill="#dde3ea"/></g>`;
    return `<defs>${sky("s", ["#7fb3e0", "#cfe6f5"])}${sky("sea", ["#2d6a8f", "#123a55"])}</defs><rect width="${W}" height="${H}" fill="url(#s)"/>
      <rect y="560" width="${W}" height="340" fill="url(#sea)"/>
      ${Array.from({ length: 30 }, () => `<path d="M${(r() * W).toFixed(0)} ${(580 + r() * 300).toFixed(0)} q20 -8 40 0" stroke="#8fc1de" stroke-width="3" fill="none"/>`).join("")}
      ${[
        [220, 300, 1.1],
        [560, 340, 0.9],
        [880, 370, 0.7],
        [1150, 390, 0.55],
        [1380, 405, 0.45],
        [1520, 412, 0.4],
      ]
        .map(([x, y, s], i) => turbine(x!, y!, s!, i * 37))
        .join("")}`;
  },
  "gallery-hall": () => {
    const r = rng(10);
    const frames = [120, 520, 920, 1280].map((x, i) => {
      const w = i === 3 ? 240 : 300;
      const colours = ["#e63946", "#f1c453", "#2a9d8f", "#264653", "#e76f51"];
      const inner = Array.from(
        { length: 5 },
        () =>
          `<rect x="${(x + 20 + r() * (w - 100)).toFixed(0)}" y="${(220 + r() * 220).toFixed(0)}" width="${(30 + r() * 90).toFixed(0)}" height="${(30 + r() * 120).toFixed(0)}" fill="${colours[Math.floor(r() * 5)]}"/>`,
      ).join("");
      return `<rect x="${x - 14}" y="186" width="${w + 28}" height="328" fill="#b08a4a"/><rect x="${x}" y="200" width="${w}" height="300" fill="#f4efe6"/>${inner}`;
    });
    return `<rect width="${W}" height="${H}" fill="#ece6da"/><rect y="640" width="${W}" height="260" fill="#9c7b57"/>
      ${Array.from({ length: 10 }, (_, i) => `<line x1="0" x2="${W}" y1="${660 + i * 26}" y2="${660 + i * 26}" stroke="#8a6a48" stroke-width="3"/>`).join("")}
      ${frames.join("")}<rect x="700" y="560" width="26" height="160" fill="#333"/><circle cx="713" cy="535" r="28" fill="#333"/>`;
  },
  "rain-street": () => {
    const r = rng(11);
    const umbrellas = [260, 640, 980, 1330].map(
      (x, i) =>
        `<g transform="translate(${x} ${560 + i * 12})"><path d="M-90 0 Q0 -110 90 0Z" fill="${["#e63946", "#f4a261", "#2a9d8f", "#457b9d"][i]}"/><line x1="0" y1="0" x2="0" y2="120" stroke="#222" stroke-width="5"/><rect x="-22" y="20" width="44" height="150" rx="18" fill="#1c1c24"/></g>`,
    );
    return `<defs>${sky("s", ["#46505f", "#8a95a5"])}</defs><rect width="${W}" height="${H}" fill="url(#s)"/>
      ${skyline(r, 640, "#394150", 180, 420, true)}<rect y="640" width="${W}" height="260" fill="#2b3038"/>
      ${Array.from({ length: 30 }, () => `<rect x="${(r() * W).toFixed(0)}" y="${(660 + r() * 220).toFixed(0)}" width="${(20 + r() * 120).toFixed(0)}" height="4" fill="#ffd98a" opacity="${(0.15 + r() * 0.35).toFixed(2)}"/>`).join("")}
      ${umbrellas.join("")}
      ${Array.from({ length: 260 }, () => {
        const x = r() * W;
        const y = r() * H;
        return `<line x1="${x.toFixed(0)}" y1="${y.toFixed(0)}" x2="${(x - 10).toFixed(0)}" y2="${(y + 40).toFixed(0)}" stroke="#d7e1ee" stroke-width="2" opacity="0.45"/>`;
      }).join("")}`;
  },
  "harbour-cranes": () => {
    const crane = (x: number, s: number) =>
      `<g transform="translate(${x} 600) scale(${s})" fill="#2a1b2e"><rect x="-60" y="-330" width="16" height="330"/><rect x="44" y="-330" width="16" height="330"/><rect x="-60" y="-350" width="360" height="26"/><rect x="-180" y="-350" width="130" height="26"/><polygon points="-60,-350 0,-430 60,-350"/><line x1="200" y1="-324" x2="200" y2="-180" stroke="#2a1b2e" stroke-width="5"/><rect x="180" y="-180" width="40" height="30"/></g>`;
    const r = rng(12);
    return `<defs>${sky("s", ["#ff9e5e", "#ff6f61", "#6b3a7d"])}</defs><rect width="${W}" height="${H}" fill="url(#s)"/><circle cx="800" cy="560" r="120" fill="#ffd27f" opacity="0.8"/>
      ${crane(260, 1)}${crane(760, 0.85)}${crane(1220, 1.1)}
      <rect y="600" width="${W}" height="300" fill="#3d2347"/>
      ${Array.from({ length: 26 }, (_, i) => `<rect x="${i * 62}" y="${560 - (i % 3) * 26}" width="58" height="${40 + (i % 3) * 26}" fill="${["#c0392b", "#2874a6", "#d68910", "#1e8449"][Math.floor(r() * 4)]}"/>`).join("")}
      ${Array.from({ length: 30 }, () => `<rect x="${(700 + r() * 200).toFixed(0)}" y="${(620 + r() * 260).toFixed(0)}" width="${(20 + r() * 80).toFixed(0)}" height="3" fill="#ffd27f" opacity="0.5"/>`).join("")}`;
  },
};

fs.mkdirSync(OUT, { recursive: true });
for (const [key, draw] of Object.entries(scenes)) {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}">${draw()}</svg>`;
  const file = path.join(OUT, `${key}.jpg`);
  await sharp(Buffer.from(svg)).jpeg({ quality: 78, progressive: true, mozjpeg: true }).toFile(file);
  console.log(`${key}.jpg ${(fs.statSync(file).size / 1024).toFixed(0)} KB`);
}

// The demo video: a ten-second title card over a slowly moving gradient, with a quiet tone.
const font = "/usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf";
const fontItalic = "/usr/share/fonts/truetype/dejavu/DejaVuSerif-Italic.ttf";
const hasFont = fs.existsSync(font) && fs.existsSync(fontItalic);
const text = hasFont
  ? `,drawtext=fontfile=${font}:text='London Daily':fontcolor=0xf6f1e7:fontsize=56:x=(w-text_w)/2:y=(h/2)-60:alpha='min(1,t/1.5)',` +
    `drawtext=fontfile=${fontItalic}:text='Focus on the big picture.':fontcolor=0xf6f1e7:fontsize=28:x=(w-text_w)/2:y=(h/2)+20:alpha='min(1,max(0,(t-2)/1.5))'`
  : "";
const video = path.join(OUT, "demo-video.mp4");
execFileSync("ffmpeg", [
  "-y",
  "-loglevel",
  "error",
  "-f",
  "lavfi",
  "-i",
  "gradients=s=640x360:d=10:speed=0.02:c0=0x12213a:c1=0x6b3a7d:c2=0xa3122f:nb_colors=3:r=25",
  "-f",
  "lavfi",
  "-i",
  "sine=frequency=220:duration=10:sample_rate=44100",
  "-filter_complex",
  `[0:v]format=yuv420p${text}[v];[1:a]volume=0.05,afade=t=in:d=1,afade=t=out:st=8.5:d=1.5[a]`,
  "-map",
  "[v]",
  "-map",
  "[a]",
  "-c:v",
  "libx264",
  "-profile:v",
  "main",
  "-preset",
  "slow",
  "-crf",
  "30",
  "-pix_fmt",
  "yuv420p",
  "-c:a",
  "aac",
  "-b:a",
  "48k",
  "-movflags",
  "+faststart",
  "-t",
  "10",
  video,
]);
execFileSync("ffmpeg", [
  "-y",
  "-loglevel",
  "error",
  "-ss",
  "4",
  "-i",
  video,
  "-frames:v",
  "1",
  "-q:v",
  "5",
  path.join(OUT, "demo-video-poster.jpg"),
]);
fs.writeFileSync(
  path.join(OUT, "demo-video.en.vtt"),
  `WEBVTT

00:00:00.000 --> 00:00:02.500
[Soft tone] London Daily.

00:00:02.500 --> 00:00:06.000
Focus on the big picture.

00:00:06.000 --> 00:00:10.000
News from London, the UK and the world, every day.
`,
);
console.log(`demo-video.mp4 ${(fs.statSync(video).size / 1024).toFixed(0)} KB`);
