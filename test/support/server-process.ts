import type { ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { type ExitStatus, spawnChild, tsx } from "./child-process.js";
import { freePort } from "./ports.js";

// The real server as a separate process, for what only a process shows: signals, exit codes,
// sockets across a shutdown.

export interface ServerProcess {
  child: ChildProcess;
  port: number;
  dataDir: string;
  /** Everything the process wrote, stdout and stderr. */
  output(): string;
  /** Resolves with the exit code (or signal) once the process has exited. */
  exited: Promise<ExitStatus>;
  /** Kills the whole process group, whatever is left of it, and removes the data folder. */
  cleanUp(): Promise<void>;
}

export interface StartOptions {
  /** The command; the server itself unless given (e.g. ["npm", "start"]). */
  command?: string[];
  env?: Record<string, string>;
  dataDir?: string;
}

/** Starts the server in its own process group and waits until /healthz answers. */
export async function startServerProcess(options: StartOptions = {}): Promise<ServerProcess> {
  const port = await freePort();
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), "london-daily-process-"));
  const { child, output, exited } = spawnChild(options.command ?? tsx("src/server.ts"), {
    detached: true,
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      HOST: "127.0.0.1",
      DATA_DIR: dataDir,
      SEED_DEMO: "false",
      LOG_LEVEL: "warn",
      ...options.env,
    },
  });
  const cleanUp = async () => {
    try {
      process.kill(-child.pid!, "SIGKILL");
    } catch {
      // already gone
    }
    if (!options.dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  };
  const started = Date.now();
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      await cleanUp();
      throw new Error(`the server exited before answering:\n${output()}`);
    }
    try {
      const res = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (res.status < 500) break;
    } catch {
      // not listening yet
    }
    if (Date.now() - started > 60_000) {
      await cleanUp();
      throw new Error(`the server did not answer within 60 s:\n${output()}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { child, port, dataDir, output, exited, cleanUp };
}
