import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { buildNewsroom } from "../test/support/newsroom-fixture.js";
import { signedIn } from "../test/support/newsroom-session.js";
import { type ServerProcess, startServer } from "../test/support/server-run.js";
import { connectDatabase } from "../src/platform/db/connect.js";
import type { Database } from "../src/database.js";
import { migrateToLatest } from "../src/platform/migrations/migrate.js";
import { WRK, wrk } from "./wrk.js";

// `npm run bench:scale-out`: three web instances (RUN_JOBS=false) on one PostgreSQL and Redis
// behind nginx, as docs/deploy.md runs them, on this machine.
//   1. Requests/s for a cached article through nginx to one, two and three instances, and the CPU
//      each request costs (the instances' user+system time over the run, and nginx's): on a
//      machine with two cores, CPU per request is what tells how far more machines would carry it.
//   2. The time from an Update answered by one instance to every instance serving the new
//      headline, over 100 Updates (p50, p99; the target is p99 < 250 ms).
// Needs PostgreSQL (TEST_DATABASE_URL), Redis (TEST_REDIS_URL), nginx and wrk.

const POSTGRES = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const REDIS = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const PUBLISHES = Number(process.env.BENCH_PUBLISHES ?? 100);
const ARTICLE = "/uk/night-buses-return";

const clockTicks = 100; // USER_HZ on Linux
function cpuSeconds(pid: number): number {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    return (Number(fields[11]) + Number(fields[12])) / clockTicks; // utime, stime
  } catch {
    return 0;
  }
}
/** The process and its children (nginx's workers). */
function treeCpu(pid: number): number {
  let total = cpuSeconds(pid);
  try {
    for (const child of fs.readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/)) {
      if (child) total += treeCpu(Number(child));
    }
  } catch {
    // gone
  }
  return total;
}

function startNginx(
  dir: string,
  port: number,
  upstreams: string[],
): { pid: number; stop: () => void; child: ChildProcess } {
  fs.mkdirSync(dir, { recursive: true });
  const conf = path.join(dir, "nginx.conf");
  fs.writeFileSync(
    conf,
    `worker_processes 1;
daemon off;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path ${dir}/body; proxy_temp_path ${dir}/proxy; fastcgi_temp_path ${dir}/fcgi;
  uwsgi_temp_path ${dir}/uwsgi; scgi_temp_path ${dir}/scgi;
  keepalive_requests 1000000;
  upstream web { ${upstreams.map((u) => `server ${u};`).join(" ")} keepalive 64; }
  server {
    listen 127.0.0.1:${port};
    location / {
      proxy_pass http://web;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $host;
      proxy_set_header X-Request-Id $request_id;
    }
  }
}
`,
  );
  const bin = fs.existsSync("/usr/sbin/nginx") ? "/usr/sbin/nginx" : "nginx";
  const child = spawn(bin, ["-c", conf, "-p", dir], { stdio: ["ignore", "inherit", "inherit"] });
  return { pid: child.pid!, child, stop: () => child.kill("SIGTERM") };
}

async function until(check: () => Promise<boolean>, ms = 10_000) {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 50));
  }
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

async function main() {
  const schema = `bench_${randomBytes(5).toString("hex")}`;
  const admin = new pg.Client({ connectionString: POSTGRES });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  const url = new URL(POSTGRES);
  url.searchParams.set("options", `-c search_path=${schema}`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "london-daily-bench-scale-"));
  const prefix = `bench-scale-${randomBytes(4).toString("hex")}:`;
  const handle = connectDatabase<Database>({ databaseUrl: POSTGRES, pgSchema: schema });
  const servers: ServerProcess[] = [];
  let nginx: ReturnType<typeof startNginx> | undefined;
  try {
    await migrateToLatest(handle.db, "postgres");
    const f = await buildNewsroom(handle.db);
    const editor = await signedIn(handle.db, "editor");
    const env = {
      DATABASE_URL: url.toString(),
      DATA_DIR: dir,
      SEED_DEMO: "false",
      REDIS_URL: REDIS,
      REDIS_PREFIX: prefix,
      RUN_JOBS: "false",
      LOG_LEVEL: "warn",
      SITE_URL: "http://localhost:3000",
    };
    for (let i = 0; i < 3; i++) servers.push(await startServer({ ...env, LOG_LEVEL: "info" }, 120_000));
    const addresses = servers.map((s) => s.url.replace("http://", ""));
    console.log(
      `three instances: ${addresses.join(", ")}; wrk -t${WRK.threads} -c${WRK.connections} -d${WRK.duration} after ${WRK.warmup}`,
    );

    console.log("\n| instances | req/s | p99 | instances' CPU ms/req | nginx CPU ms/req | errors |");
    console.log("| ---: | ---: | ---: | ---: | ---: | --- |");
    const port = 18_000 + Math.floor(Math.random() * 1000);
    for (const n of process.env.BENCH_ONLY === "publish" ? [] : [1, 2, 3]) {
      nginx = startNginx(path.join(dir, `nginx-${n}`), port, addresses.slice(0, n));
      await until(async () => (await fetch(`http://127.0.0.1:${port}${ARTICLE}`).catch(() => undefined))?.ok === true);
      // Warm every instance's cache for the page.
      for (const s of servers) for (let i = 0; i < 3; i++) await fetch(s.url + ARTICLE);
      const before = servers.map((s) => cpuSeconds(s.child.pid!));
      const nginxBefore = treeCpu(nginx.pid);
      const started = performance.now();
      const result = await wrk(`${n}`, `http://127.0.0.1:${port}${ARTICLE}`, { warmup: false });
      const seconds = (performance.now() - started) / 1000;
      const used = servers.reduce((sum, s, i) => sum + cpuSeconds(s.child.pid!) - before[i]!, 0);
      const nginxUsed = treeCpu(nginx.pid) - nginxBefore;
      const requests = result.rps * seconds;
      console.log(
        `| ${n} | ${Math.round(result.rps).toLocaleString("en-GB")} | ${result.p99} | ${((used * 1000) / requests).toFixed(3)} | ${((nginxUsed * 1000) / requests).toFixed(3)} | ${result.errors} |`,
      );
      nginx.stop();
      nginx = undefined;
      await new Promise((r) => setTimeout(r, 500));
    }

    // Publish → every instance serving it.
    const api = async (s: ServerProcess, method: string, u: string, body?: object) => {
      const res = await fetch(`${s.url}/api/newsroom${u}`, {
        method,
        headers: { ...editor.headers, ...(body ? { "content-type": "application/json" } : {}) },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
      if (res.status >= 300) throw new Error(`${method} ${u}: ${res.status} ${await res.text()}`);
      return (await res.json()) as { version: number };
    };
    const times: number[] = [];
    const afterAnswer: number[] = [];
    const answers: number[] = [];
    let firstTry = 0;
    let polls = 0;
    for (let i = 0; i < PUBLISHES; i++) {
      const writer = servers[i % 3]!;
      const headline = `Night buses return, take ${i} ${randomBytes(3).toString("hex")}`;
      for (const s of servers) await fetch(s.url + ARTICLE); // cached everywhere
      const draft = await api(writer, "GET", `/articles/${f.lead.id}`);
      await api(writer, "PUT", `/articles/${f.lead.id}`, { baseVersion: draft.version, headline });
      const pending = await api(writer, "GET", `/articles/${f.lead.id}`);
      const t0 = performance.now();
      await api(writer, "POST", `/articles/${f.lead.id}/publish`, { baseVersion: pending.version });
      const t1 = performance.now();
      await Promise.all(
        servers.map(async (s) => {
          for (let attempt = 1; ; attempt++) {
            polls += 1;
            if ((await (await fetch(s.url + ARTICLE)).text()).includes(headline)) {
              if (attempt === 1) firstTry += 1;
              return;
            }
            if (performance.now() - t0 > 10_000) throw new Error(`${s.url} never showed the Update`);
          }
        }),
      );
      const t2 = performance.now();
      times.push(t2 - t0);
      answers.push(t1 - t0);
      afterAnswer.push(t2 - t1);
    }
    if (PUBLISHES === 0) return;
    const line = (name: string, values: number[]) => {
      const sorted = [...values].sort((a, b) => a - b);
      return `| ${name} | ${percentile(sorted, 50).toFixed(1)} | ${percentile(sorted, 99).toFixed(1)} | ${sorted.at(-1)!.toFixed(1)} |`;
    };
    console.log(`\n${PUBLISHES} Updates, written through each instance in turn (ms):\n`);
    console.log("| span | p50 | p99 | max |\n| --- | ---: | ---: | ---: |");
    console.log(line("the Update request (sent → answered)", answers));
    console.log(line("answered → all three serving it", afterAnswer));
    console.log(line("sent → all three serving it", times));
    console.log(
      `\nThe first request to an instance after the answer already had the Update in ${firstTry} of ${PUBLISHES * 3} (${polls} requests in all).`,
    );
  } finally {
    nginx?.stop();
    await Promise.all(servers.map((s) => s.stop()));
    await handle.destroy();
    await admin.query(`drop schema ${schema} cascade`);
    await admin.end();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();
