import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";

// A process of ours (the server, the worker, the command-line tool) started from a test, with
// everything it prints kept for the test's assertions and failure messages.

export const ROOT = path.resolve(import.meta.dirname, "../..");

/** `node --import tsx <script> ...args`: TypeScript run as it is, the way the tests start our programs. */
export const tsx = (script: string, ...args: string[]) => [process.execPath, "--import", "tsx", script, ...args];

/** The environment a child process starts with: the test runner's, minus what would leak into it. */
export function childEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const base: NodeJS.ProcessEnv = { ...process.env, CI: "" };
  for (const key of ["DATABASE_URL", "DATA_DIR", "SMTP_URL", "TZ_NEWSROOM", "PORT", "NODE_OPTIONS"]) delete base[key];
  return { ...base, ...env };
}

export interface ExitStatus {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface Child {
  child: ChildProcess;
  /** Everything it wrote so far, stdout and stderr in the order they arrived. */
  output(): string;
  stdout(): string;
  stderr(): string;
  /** Resolves once the process has exited. */
  exited: Promise<ExitStatus>;
}

/** Spawns `command` with its output collected; `detached` gives it a process group of its own. */
export function spawnChild(
  command: string[],
  options: { env: NodeJS.ProcessEnv; cwd?: string; detached?: boolean },
): Child {
  const [program, ...args] = command;
  const child = spawn(program!, args, {
    cwd: options.cwd ?? ROOT,
    env: options.env,
    stdio: ["ignore", "pipe", "pipe"],
    ...(options.detached ? { detached: true } : {}),
  });
  let output = "";
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (c: Buffer) => {
    stdout += c.toString();
    output += c.toString();
  });
  child.stderr!.on("data", (c: Buffer) => {
    stderr += c.toString();
    output += c.toString();
  });
  const exited = new Promise<ExitStatus>((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
  return { child, output: () => output, stdout: () => stdout, stderr: () => stderr, exited };
}
