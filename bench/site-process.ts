import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import http from "node:http";

/** The site in production mode, one process, as `npm start` runs it. */
export async function startSite(env: NodeJS.ProcessEnv, port: number) {
  const child: ChildProcess = spawn(
    process.execPath,
    ["--max-semi-space-size=64", "--import", "tsx", "src/server.ts"],
    { env: { ...env, PORT: String(port) }, stdio: "inherit" },
  );
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 150; i++) {
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  return {
    url,
    /** Resident memory of the process now, in MB. */
    rssMb: () => {
      const status = fs.readFileSync(`/proc/${child.pid}/status`, "utf8");
      return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

/** A page's bytes exactly as sent (no decompression), with its status and headers. */
export function rawGet(url: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
    http
      .get(url, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        );
      })
      .on("error", reject);
  });
}
