import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { sql } from "kysely";
import pg from "pg";
import type { Database } from "../src/database.js";
import { composeMorningHeadlines } from "../src/newsletters/edition.js";
import { newsletterLinks } from "../src/newsletters/newsletter-links.js";
import { sendEdition } from "../src/newsletters/send-edition.js";
import { connectDatabase } from "../src/platform/db/connect.js";
import { createMailer, type Mailer } from "../src/platform/mail/mailer.js";
import { escapeHtml } from "../src/platform/mail/prepared-message.js";
import { migrateToLatest } from "../src/platform/migrations/migrate.js";
import { loadSigner } from "../src/platform/signing.js";
import { zonedIsoDate } from "../src/platform/time.js";
import { buildArticle, buildSection } from "../test/support/factories.js";

// npm run bench:newsletter [-- --postgres] [--subscribers N] [--connections 5,10] [--concurrency 8,32]
//   [--batch 500,1000] [--mark-group 1,32] [--mark-delay 0] [--mark-wait 0] [--build prepared,compose] [--no-resume]
//   [--kill-runs N] [--cpu-prof]
// Composes one Morning Headlines edition and sends it to N confirmed subscribers (100,000 by default)
// through an SMTP sink in its own process (bench/smtp-sink-process.ts), once per combination of
// SMTP_MAX_CONNECTIONS × concurrency × batch size, each send in a fresh child process so its peak
// RSS is its own. Then the kill-and-resume run: the sending child is SIGKILLed when the sink has
// counted half the messages, started again, and the sink's per-recipient counts must all be 1
// (`--kill-runs N` repeats it N times and sums up; `--subscribers 0 --kill-runs 10` skips nothing).

const TZ = "Europe/London";
const SITE_URL = "https://news.example";
const PG_ADMIN = "postgres://postgres@127.0.0.1:5432/postgres";
const PG_URL = "postgres://postgres@127.0.0.1:5432/bench_newsletter";

interface ChildInput {
  databaseUrl?: string;
  sqliteFile: string;
  smtpUrl: string;
  connections: number;
  concurrency: number;
  batchSize: number;
  markGroup: number;
  markDelayMs: number;
  /** Each sender waits for its mark before the next recipient (false: the A/B of before). */
  markWait: boolean;
  /** prepared: the edition's message built once (what deliverEdition does); compose: every copy built whole. */
  build: Build;
  editionDate: string;
}

type Build = "prepared" | "compose";

/**
 * The mailer as it was before prepared messages, for A/B runs: every copy goes through Mailer.send, which
 * checks and builds the whole message with nodemailer's MailComposer (the slots filled as personalise() does).
 */
function composeEveryCopy(mailer: Mailer): Mailer {
  return {
    ...mailer,
    async prepare({ slots = [], ...common }) {
      return {
        send: ({ substitutions = {}, ...recipient }) => {
          const fill = (body: string, escape: (v: string) => string) =>
            slots.reduce((out, slot) => out.replaceAll(slot, escape(substitutions[slot] ?? "")), body);
          return mailer.send({
            ...common,
            ...recipient,
            html: fill(common.html, escapeHtml),
            text: fill(common.text, String),
          });
        },
      };
    },
  };
}

interface ChildOutput {
  queueMs: number;
  sendMs: number;
  sent: number;
  peakRssMb: number;
}

/** The sending process: sendEdition with the given settings, timed, RSS sampled every 100 ms. */
async function child(input: ChildInput) {
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 100);
  const t0 = performance.now();
  let queuedAt = 0;
  let queueMs = 0;
  const handle = connectDatabase<Database>({
    databaseUrl: input.databaseUrl,
    sqliteFile: input.sqliteFile,
    onQuery(event) {
      if (event.level === "query" && event.query.sql.startsWith('insert into "deliveries"')) {
        queueMs = event.queryDurationMillis;
        queuedAt = performance.now();
      }
    },
  });
  const db = handle.db;
  const created = createMailer({
    smtpUrl: input.smtpUrl,
    mailFrom: "London Daily <news@news.example>",
    smtpMaxConnections: input.connections,
    smtpRatePerSecond: 0,
    dataDir: os.tmpdir(),
  });
  const mailer = input.build === "compose" ? composeEveryCopy(created) : created;
  const links = newsletterLinks(SITE_URL, await loadSigner(db));
  const result = await sendEdition(
    { db, mailer, links, site: { name: "London Daily", url: SITE_URL, timeZone: TZ }, now: () => new Date() },
    {
      newsletter: "morning-headlines",
      editionDate: input.editionDate,
      batchSize: input.batchSize,
      concurrency: input.concurrency,
      markGroup: input.markGroup,
      markDelayMs: input.markDelayMs,
      markWait: input.markWait,
    },
  );
  const end = performance.now();
  await mailer.close();
  await handle.destroy();
  clearInterval(sampler);
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  const out: ChildOutput = {
    queueMs,
    sendMs: end - (queuedAt || t0),
    sent: result.sent,
    peakRssMb: peakRss / 2 ** 20,
  };
  process.stdout.write(`RESULT ${JSON.stringify(out)}\n`);
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
const list = (name: string, fallback: number[]) => arg(name)?.split(",").map(Number) ?? fallback;

async function main() {
  const postgres = process.argv.includes("--postgres");
  const subscribers = Number(arg("--subscribers") ?? 100_000);
  const connectionsList = list("--connections", [10]);
  const concurrencyList = list("--concurrency", [32]);
  const batchList = list("--batch", [1000]);
  // Accepted messages marked sent per UPDATE (1: one UPDATE per message, as before grouping).
  const markList = list("--mark-group", [32]);
  // How long a group of marks waits for more (0: write as soon as the previous write is done).
  const markDelayMs = Number(arg("--mark-delay") ?? 0);
  const markWait = arg("--mark-wait") !== "0";
  const killRuns = Number(arg("--kill-runs") ?? 1);
  const buildList = (arg("--build")?.split(",") ?? ["prepared"]) as Build[];
  if (buildList.some((b) => b !== "prepared" && b !== "compose")) throw new Error("--build takes prepared,compose");
  const resume = !process.argv.includes("--no-resume");
  const cpuProf = process.argv.includes("--cpu-prof");

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "london-daily-bench-newsletter-"));
  const sqliteFile = path.join(dir, "london-daily.sqlite");
  if (postgres) {
    const admin = new pg.Client({ connectionString: PG_ADMIN });
    await admin.connect();
    await admin.query("drop database if exists bench_newsletter");
    await admin.query("create database bench_newsletter");
    await admin.end();
  }
  const databaseUrl = postgres ? PG_URL : undefined;
  const handle = connectDatabase<Database>({ databaseUrl, sqliteFile });
  const db = handle.db;
  await migrateToLatest(db, handle.dialect);

  // A few stories from the last hours, so the edition has a lead, top stories and sections.
  const now = new Date();
  for (const [s, name] of ["UK", "World", "Business"].entries()) {
    const section = await buildSection(db, { slug: name.toLowerCase(), name, position: s });
    for (let i = 0; i < 4; i++) {
      await buildArticle(db, {
        sectionId: section.id,
        slug: `${name.toLowerCase()}-story-${i}`,
        headline: `${name} story number ${i} of the day`,
        standfirst: `The line for ${name} story ${i}, one sentence long.`,
        publishedAt: new Date(now.getTime() - (s * 4 + i + 1) * 1_200_000),
      });
    }
  }

  let t = performance.now();
  const at = now.toISOString();
  const CHUNK = 1000;
  await db.transaction().execute(async (trx) => {
    for (let from = 0; from < subscribers; from += CHUNK) {
      const rows = Array.from({ length: Math.min(CHUNK, subscribers - from) }, (_, i) => ({
        email: `reader${from + i}@example.org`,
        created_at: at,
        updated_at: at,
      }));
      await trx.insertInto("subscribers").values(rows).execute();
    }
    await sql`insert into subscriptions (subscriber_id, newsletter_id, status, source, confirmed_at, created_at, updated_at)
      select s.id, n.id, 'confirmed', 'bench', ${at}, ${at}, ${at}
      from subscribers s cross join newsletters n where n.slug = 'morning-headlines'`.execute(trx);
  });
  if (handle.dialect === "postgres") await sql`analyze`.execute(db);
  const setupMs = performance.now() - t;

  t = performance.now();
  const composed = await db.transaction().execute((trx) => composeMorningHeadlines(trx, { now, timeZone: TZ }));
  const composeMs = performance.now() - t;
  if (composed.status !== "composed") throw new Error(`compose: ${composed.status}`);
  const editionDate = zonedIsoDate(now, TZ);
  console.log(
    `${handle.dialect}: ${subscribers} subscribers inserted in ${(setupMs / 1000).toFixed(1)} s; ` +
      `composed ${composed.items} stories in ${composeMs.toFixed(1)} ms`,
  );

  const sink = spawn(process.execPath, ["--import", "tsx", "bench/smtp-sink-process.ts"], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const ports = await new Promise<{ smtp: number; http: number }>((resolve) =>
    createInterface({ input: sink.stdout! }).once("line", (line) => resolve(JSON.parse(line))),
  );
  const control = `http://127.0.0.1:${ports.http}`;
  const sinkStats = async () =>
    (await (await fetch(`${control}/stats`)).json()) as {
      messages: number;
      distinctMessageIds: number;
      duplicateIds: number;
      distinctRecipients: number;
      recipientsTwiceOrMore: number;
    };
  const reset = async () => {
    await fetch(`${control}/reset`, { method: "POST" });
    await db.deleteFrom("deliveries").execute();
    await db
      .updateTable("briefings")
      .set({ send_status: "pending", sent_at: null, send_lease_by: null, send_lease_until: null })
      .execute();
  };

  const profDir = path.join(dir, "profiles");
  const runChild = (
    settings: Omit<ChildInput, "databaseUrl" | "sqliteFile" | "smtpUrl" | "editionDate" | "markDelayMs" | "markWait">,
  ) => {
    const input: ChildInput = {
      ...(databaseUrl ? { databaseUrl } : {}),
      sqliteFile,
      smtpUrl: `smtp://127.0.0.1:${ports.smtp}`,
      editionDate,
      markDelayMs,
      markWait,
      ...settings,
    };
    const flags = cpuProf ? ["--cpu-prof", `--cpu-prof-dir=${profDir}`] : [];
    const proc = spawn(process.execPath, [...flags, "--import", "tsx", "bench/newsletter.ts", "--child"], {
      env: { ...process.env, BENCH_CHILD: JSON.stringify(input) },
      stdio: ["ignore", "pipe", "inherit"],
    });
    const done = new Promise<ChildOutput | undefined>((resolve) => {
      let result: ChildOutput | undefined;
      createInterface({ input: proc.stdout! }).on("line", (line) => {
        if (line.startsWith("RESULT ")) result = JSON.parse(line.slice(7)) as ChildOutput;
      });
      proc.on("exit", () => resolve(result));
    });
    return { proc, done };
  };

  const rows: string[] = [];
  try {
    for (const connections of connectionsList) {
      for (const concurrency of concurrencyList) {
        for (const batchSize of batchList) {
          for (const markGroup of markList) {
            for (const build of buildList) {
              await reset();
              const out = await runChild({ connections, concurrency, batchSize, markGroup, build }).done;
              if (!out) throw new Error("the sending process failed");
              const s = await sinkStats();
              const ok = s.messages === subscribers && s.distinctMessageIds === subscribers && s.duplicateIds === 0;
              const row =
                `| ${connections} | ${concurrency} | ${batchSize} | ${markGroup} | ${build} | ${out.queueMs.toFixed(0)} ms | ` +
                `${(subscribers / (out.sendMs / 1000)).toFixed(0)} | ${(out.sendMs / 1000).toFixed(1)} s | ` +
                `${out.peakRssMb.toFixed(0)} MB | ${s.messages} / ${s.distinctMessageIds} / ${s.duplicateIds}${ok ? "" : " ✗"} |`;
              rows.push(row);
              console.log(row);
            }
          }
        }
      }
    }

    if (resume) {
      const settings = {
        connections: connectionsList[0]!,
        concurrency: concurrencyList[0]!,
        batchSize: batchList[0]!,
        markGroup: markList.at(-1)!,
        build: buildList.at(-1)!,
      };
      const runs: string[] = [];
      for (let run = 1; run <= killRuns; run++) {
        await reset();
        const first = runChild(settings);
        for (;;) {
          await new Promise((r) => setTimeout(r, 20));
          if (Number(await (await fetch(`${control}/count`)).text()) >= subscribers / 2) break;
        }
        first.proc.kill("SIGKILL");
        await first.done;
        const atKill = await sinkStats();
        const marked = await db
          .selectFrom("deliveries")
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .where("status", "=", "sent")
          .executeTakeFirstOrThrow();
        // The killed sender's lease on the edition lapses after a minute; a restart waits for it. Let
        // that minute pass.
        await db
          .updateTable("briefings")
          .set({ send_lease_until: new Date(0).toISOString() })
          .execute();
        const second = await runChild(settings).done;
        const s = await sinkStats();
        const missing = subscribers - s.distinctRecipients;
        const line =
          `| ${run} | ${atKill.messages} | ${Number(marked.n)} | ${second?.sent ?? "?"} | ${s.messages} | ` +
          `${s.recipientsTwiceOrMore} | ${missing} |`;
        runs.push(line);
        console.log(line);
      }
      console.log(
        `\nKill and resume (${settings.connections} connections, concurrency ${settings.concurrency}, ` +
          `batch ${settings.batchSize}, mark group ${settings.markGroup}, mark delay ${markDelayMs} ms, ` +
          `mark wait ${markWait ? "on" : "off"}, ${settings.build}), SIGKILL when the sink counted half:\n\n` +
          "| run | counted at kill | marked sent at kill | sent after restart | sink: messages | received twice | none |\n" +
          "| ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n" +
          runs.join("\n"),
      );
    }
  } finally {
    sink.kill("SIGTERM");
    await handle.destroy();
    if (postgres) {
      const admin = new pg.Client({ connectionString: PG_ADMIN });
      await admin.connect();
      await admin.query("drop database if exists bench_newsletter");
      await admin.end();
    }
    if (cpuProf) console.log(`CPU profiles in ${profDir}`);
    else fs.rmSync(dir, { recursive: true, force: true });
  }

  const cpu = os.cpus()[0]?.model ?? "unknown CPU";
  console.log(
    `\nMachine: ${os.cpus().length} × ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`,
  );
  console.log(
    `${handle.dialect}, ${subscribers} subscribers; compose ${composeMs.toFixed(1)} ms; mark delay ${markDelayMs} ms\n`,
  );
  console.log(
    "| SMTP_MAX_CONNECTIONS | concurrency | batchSize | markGroup | build | queue | messages/s | send | peak RSS | sink: messages / distinct ids / duplicates |\n" +
      "| ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: | --- |",
  );
  for (const row of rows) console.log(row);
}

if (process.argv.includes("--child")) await child(JSON.parse(process.env.BENCH_CHILD!) as ChildInput);
else await main();
