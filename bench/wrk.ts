import { execFile, execFileSync } from "node:child_process";
import { promisify } from "node:util";

const run = promisify(execFile);

// Every benchmark that loads with wrk gets it (and nginx, the yardstick) from Debian's archive when
// the machine lacks them; a no-op when both are there.
execFileSync("bash", ["scripts/ensure-system-packages.sh", "--bench"], { stdio: "inherit" });

// wrk as the benchmarks run it: one thread, 50 connections, 10 s after a 3 s warm-up.

export interface WrkResult {
  name: string;
  rps: number;
  p50: string;
  p99: string;
  /** p99 in milliseconds, for comparing with targets. */
  p99Ms: number;
  errors: string;
  /** Responses a checking script found wrong (status not 200, or not a whole page). */
  bad?: number;
}

export const WRK = {
  threads: Number(process.env.BENCH_THREADS ?? 1),
  connections: Number(process.env.BENCH_CONNECTIONS ?? 50),
  duration: process.env.BENCH_DURATION ?? "10s",
  warmup: process.env.BENCH_WARMUP ?? "3s",
};

const toMs = (v: string) => {
  const m = /^([\d.]+)(us|ms|s)$/.exec(v);
  if (!m) return Number.NaN;
  const n = Number(m[1]);
  return m[2] === "us" ? n / 1000 : m[2] === "s" ? n * 1000 : n;
};

export async function wrk(
  name: string,
  url: string,
  options: { script?: string; headers?: Record<string, string>; warmup?: boolean } = {},
): Promise<WrkResult> {
  const args = [
    `-t${WRK.threads}`,
    `-c${WRK.connections}`,
    "--latency",
    ...Object.entries(options.headers ?? {}).flatMap(([k, v]) => ["-H", `${k}: ${v}`]),
    ...(options.script ? ["-s", options.script] : []),
  ];
  if (options.warmup !== false) await run("wrk", [...args, `-d${WRK.warmup}`, url]);
  const { stdout: out } = await run("wrk", [...args, `-d${WRK.duration}`, url], { encoding: "utf8" });
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1] ?? 0);
  const p50 = /\s50%\s+(\S+)/.exec(out)?.[1] ?? "?";
  const p99 = /\s99%\s+(\S+)/.exec(out)?.[1] ?? "?";
  const non2xx = /Non-2xx or 3xx responses:\s+(\d+)/.exec(out)?.[1];
  const socket = /Socket errors:[^\n]+/.exec(out)?.[0];
  const bad = /^bad responses: (\d+)/m.exec(out)?.[1];
  return {
    name,
    rps,
    p50,
    p99,
    p99Ms: toMs(p99),
    errors: [non2xx ? `${non2xx} non-2xx` : "", socket ?? ""].filter(Boolean).join("; ") || "none",
    ...(bad !== undefined ? { bad: Number(bad) } : {}),
  };
}

/**
 * A wrk script that checks every response: status 200 and a whole page (it ends with </html>).
 * wrk runs `done` once, after the run, with every thread's counters.
 */
export const CHECKING_SCRIPT = `
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) bad = 0 end
function response(status, headers, body)
  if status ~= 200 or not string.find(body, "</html>%s*$") then bad = bad + 1 end
end
function done(summary, latency, requests)
  local total = 0
  for _, t in ipairs(threads) do total = total + (t:get("bad") or 0) end
  io.write(string.format("bad responses: %d\\n", total))
end
`;
