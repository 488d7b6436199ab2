import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe } from "vitest";

// Short videos made with ffmpeg for the video tests. ffmpeg comes from the OS: the test set-up
// installs it when missing (test/support/system-setup.ts). Run without that set-up and without
// ffmpeg, these suites say so loudly and skip, except in CI, where a missing ffmpeg is a failure.

function runs(program: string): boolean {
  try {
    execFileSync(program, ["-version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

export const hasFfmpeg = runs("ffmpeg") && runs("ffprobe");
if (!hasFfmpeg) {
  if (process.env.CI)
    throw new Error("ffmpeg/ffprobe are missing; CI must run the video tests (scripts/ensure-system-packages.sh).");
  console.warn("\n!!! ffmpeg/ffprobe not found: the video processing tests are SKIPPED.\n");
}

/** `describe` where ffmpeg runs, `describe.skip` (loudly, above) where it does not. */
export const describeWithFfmpeg = hasFfmpeg ? describe : describe.skip;

export interface TestVideos {
  dir: string;
  /** 2 s, 640×360, 25 fps, H.264 + AAC, index at the end (ffmpeg's default). */
  mp4: string;
  /** 1 s, 320×180, VP8 + Vorbis in WebM: needs transcoding. */
  webm: string;
  /** The first half of `mp4`: its index (moov) is missing. */
  truncated: string;
  /** Plain text named like a video. */
  text: string;
  remove(): void;
}

export function makeTestVideos(): TestVideos {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "london-daily-videos-"));
  const ff = (args: string[]) => execFileSync("ffmpeg", ["-hide_banner", "-loglevel", "error", "-y", ...args]);
  const mp4 = path.join(dir, "clip.mp4");
  ff([
    "-f", "lavfi", "-i", "testsrc=size=640x360:rate=25",
    "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100",
    "-t", "2", "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac", "-b:a", "64k", mp4,
  ]); // prettier-ignore
  const webm = path.join(dir, "clip.webm");
  ff([
    "-f", "lavfi", "-i", "testsrc=size=320x180:rate=25",
    "-f", "lavfi", "-i", "sine=frequency=660:sample_rate=48000",
    "-t", "1", "-c:v", "libvpx", "-b:v", "300k", "-c:a", "libvorbis", webm,
  ]); // prettier-ignore
  const whole = fs.readFileSync(mp4);
  const truncated = path.join(dir, "truncated.mp4");
  fs.writeFileSync(truncated, whole.subarray(0, Math.floor(whole.length / 2)));
  const text = path.join(dir, "notes.mp4");
  fs.writeFileSync(text, "These are the meeting notes, not a video.\n".repeat(20));
  return { dir, mp4, webm, truncated, text, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
