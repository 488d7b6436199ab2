import { execFile, spawn } from "node:child_process";
import { open } from "node:fs/promises";

/** What the machine can do with video: ffprobe checks and describes uploads, ffmpeg processes them. */
export interface VideoCapabilities {
  ffprobe: boolean;
  ffmpeg: boolean;
}

export interface VideoTools {
  ffmpegPath: string;
  ffprobePath: string;
}

const known = new Map<string, Promise<boolean>>();

function runs(program: string): Promise<boolean> {
  let answer = known.get(program);
  if (!answer) {
    answer = new Promise((resolve) => {
      execFile(program, ["-version"], { timeout: 10_000 }, (err) => resolve(!err));
    });
    known.set(program, answer);
  }
  return answer;
}

/** Whether ffmpeg and ffprobe run here; asked once per program path. */
export async function videoCapabilities(tools: VideoTools): Promise<VideoCapabilities> {
  const [ffprobe, ffmpeg] = await Promise.all([runs(tools.ffprobePath), runs(tools.ffmpegPath)]);
  return { ffprobe, ffmpeg };
}

export interface ProbeResult {
  /** ffprobe's format names, e.g. ["mov", "mp4", "m4a", "3gp", "3g2", "mj2"] or ["matroska", "webm"]. */
  formats: string[];
  durationSeconds: number;
  video: { codec: string; width: number; height: number } | undefined;
  audio: { codec: string } | undefined;
}

export class ProbeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ProbeError";
  }
}

interface FfprobeJson {
  format?: { format_name?: string; duration?: string };
  streams?: { codec_type?: string; codec_name?: string; width?: number; height?: number; duration?: string }[];
}

/** Describes a media file with ffprobe; ProbeError with ffprobe's own words when it cannot read it. */
export function probe(tools: VideoTools, file: string): Promise<ProbeResult> {
  return new Promise((resolve, reject) => {
    execFile(
      tools.ffprobePath,
      ["-v", "error", "-print_format", "json", "-show_format", "-show_streams", file],
      { timeout: 60_000, maxBuffer: 4 * 1024 * 1024 },
      (err, stdout, stderr) => {
        if (err) {
          const said = stderr.trim().split("\n").pop()?.replace(file, "the file") ?? "";
          reject(new ProbeError(said || err.message));
          return;
        }
        let json: FfprobeJson;
        try {
          json = JSON.parse(stdout) as FfprobeJson;
        } catch {
          reject(new ProbeError("ffprobe gave no readable description"));
          return;
        }
        const streams = json.streams ?? [];
        const v = streams.find((s) => s.codec_type === "video" && s.width && s.height);
        const a = streams.find((s) => s.codec_type === "audio");
        const duration = Number(json.format?.duration ?? v?.duration ?? 0);
        resolve({
          formats: (json.format?.format_name ?? "").split(",").filter(Boolean),
          durationSeconds: Number.isFinite(duration) ? duration : 0,
          video: v ? { codec: v.codec_name ?? "", width: v.width ?? 0, height: v.height ?? 0 } : undefined,
          audio: a ? { codec: a.codec_name ?? "" } : undefined,
        });
      },
    );
  });
}

export type Container = "mp4" | "webm";

/**
 * The container a file's first bytes announce: ISO BMFF (MP4, MOV) has an `ftyp` box at offset 4;
 * WebM/Matroska starts with the EBML magic 1A 45 DF A3. Anything else is not a video we take.
 */
export async function sniffContainer(file: string): Promise<Container | undefined> {
  const handle = await open(file, "r");
  try {
    const head = Buffer.alloc(12);
    const { bytesRead } = await handle.read(head, 0, 12, 0);
    return containerOf(head.subarray(0, bytesRead));
  } finally {
    await handle.close();
  }
}

/** The container of a file from its first (up to 12) bytes; see sniffContainer. */
export function containerOf(head: Buffer): Container | undefined {
  if (head.length >= 8 && head.toString("latin1", 4, 8) === "ftyp") return "mp4";
  if (head.length >= 4 && head.readUInt32BE(0) === 0x1a45dfa3) return "webm";
  return undefined;
}

/**
 * Runs ffmpeg; `onProgress` gets the seconds of output written (from `-progress`). Rejects with the
 * last lines ffmpeg wrote to stderr, which name the problem.
 */
export function runFfmpeg(tools: VideoTools, args: string[], onProgress?: (seconds: number) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(tools.ffmpegPath, ["-hide_banner", "-nostdin", "-y", "-progress", "pipe:1", ...args], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    let pending = "";
    child.stdout.setEncoding("utf8").on("data", (text: string) => {
      pending += text;
      const lines = pending.split("\n");
      pending = lines.pop() ?? "";
      for (const line of lines) {
        const m = /^out_time_us=(\d+)/.exec(line);
        if (m && onProgress) onProgress(Number(m[1]) / 1e6);
      }
    });
    child.stderr.setEncoding("utf8").on("data", (text: string) => {
      stderr = (stderr + text).slice(-4000);
    });
    child.on("error", reject);
    child.on("close", (code) => {
      if (code === 0) resolve();
      else {
        const last = stderr.trim().split("\n").slice(-3).join(" ").trim();
        reject(new Error(`ffmpeg failed (exit ${code}): ${last || "no message"}`));
      }
    });
  });
}
