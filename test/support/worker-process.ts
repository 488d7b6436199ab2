import { type ChildProcess, spawn } from "node:child_process";
import { ROOT } from "./server-run.js";

// `london-daily worker` as a child process, as docs/deploy.md runs it: resolves once it logs that it
// runs jobs, with everything it printed so far and since.

export interface WorkerProcess {
  child: ChildProcess;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export function startWorker(env: Record<string, string>): Promise<WorkerProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", "bin/london-daily.js", "worker"], {
    cwd: ROOT,
    env: { ...process.env, CI: "", NODE_OPTIONS: "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout!.on("data", (c: Buffer) => (out += c.toString()));
  child.stderr!.on("data", (c: Buffer) => (out += c.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  return new Promise((resolve, reject) => {
    const timer = setInterval(() => {
      if (out.includes("worker running jobs")) {
        clearInterval(timer);
        resolve({ child, output: () => out, exited });
      } else if (child.exitCode !== null) {
        clearInterval(timer);
        reject(new Error(`the worker exited before running:\n${out}`));
      }
    }, 50);
  });
}

/** The job ids a worker's log says succeeded. */
export const succeededJobs = (out: string) =>
  out
    .split("\n")
    .filter((line) => line.includes('"job succeeded"'))
    .map((line) => (JSON.parse(line) as { job: number }).job);
