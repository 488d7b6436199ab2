import type { ChildProcess } from "node:child_process";
import { type ExitStatus, spawnChild, tsx } from "./child-process.js";

// `london-daily worker` as a child process, as docs/deploy.md runs it: resolves once it logs that it
// runs jobs, with everything it printed so far and since.

export interface WorkerProcess {
  child: ChildProcess;
  output: () => string;
  exited: Promise<ExitStatus>;
}

export function startWorker(env: Record<string, string>): Promise<WorkerProcess> {
  const { child, output, exited } = spawnChild(tsx("bin/london-daily.js", "worker"), {
    env: { ...process.env, CI: "", NODE_OPTIONS: "", ...env },
  });
  return new Promise((resolve, reject) => {
    const timer = setInterval(() => {
      if (output().includes("worker running jobs")) {
        clearInterval(timer);
        resolve({ child, output, exited });
      } else if (child.exitCode !== null) {
        clearInterval(timer);
        reject(new Error(`the worker exited before running:\n${output()}`));
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
