import { execFileSync } from "node:child_process";

/**
 * Installs the operating-system packages the tests use (Chromium, Java for the Nu Html Checker,
 * ffmpeg and ffprobe for the video tests) when any is missing, through Debian's apt as root; as
 * another user it names the missing packages and the command to install them, and the run fails.
 * The script checks what is present first, so a machine that has everything pays a few `command -v`.
 */
export function ensureSystemPackages(env: NodeJS.ProcessEnv = process.env): void {
  execFileSync("bash", ["scripts/ensure-system-packages.sh"], { stdio: "inherit", env });
}

export default function setup(): void {
  ensureSystemPackages();
}
