import { createStorage } from "../platform/storage/create-storage.js";
import { removeDemo } from "../demo/remove-demo.js";
import { recordAudit } from "../newsroom/audit.js";
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import type { Kysely } from "kysely";
import { prepareDatabase } from "../bootstrap.js";
import { type Database, openDatabase, sqliteFileOf } from "../database.js";
import { type RebuildPhase, rebuildDiscoveryIndex } from "../discovery/discovery-index.js";
import { describeError } from "../importer/jsonl-import.js";
import { checkImportArguments, importCommand } from "./import-command.js";
import { IMPORT_SITE_HELP, checkImportSiteArguments, importSiteCommand } from "./import-site.cli.js";
import { EXPORT_HELP, exportCommand, loadCommand } from "./export.cli.js";
import { newsletterCompose, newsletterList, newsletterSend } from "./newsletter.cli.js";
import { subscribersExport, subscribersImport } from "../newsletters/subscribers-csv.js";
import { createMailer } from "../platform/mail/mailer.js";
import { promptPassword, readPasswordFromStdin, userCreate, userResetPassword } from "../newsroom/auth/user.cli.js";
import { backupCommand, restoreCommand } from "./backup.cli.js";
import { WIRE_HELP, wireCommand } from "../wire/wire.cli.js";
import { INTEGRATION_HELP, integrationCommand } from "./integration.cli.js";
import { dkimGenerateCommand } from "./dkim.cli.js";
import { storageMigrateCommand } from "./storage.cli.js";
import { progressBar } from "./progress.js";
import { type Config, loadConfig } from "../platform/config.js";
import { checkDataDir, describeStartupError } from "../platform/startup.js";
import { configWithSiteUrl } from "../platform/site-url.js";
import { migrateToLatest } from "../platform/migrations/migrate.js";
import { runWorker } from "../worker.js";
import { type CliPages, cliPages } from "./page-announce.js";

const HELP = `London Daily command-line tool

Usage: london-daily <command> [options]

Commands:
  migrate          Apply pending database migrations
  seed demo        Seed the demo newsroom into an empty database
  demo remove [--yes]
                   Remove the demo newsroom (the seeded stories, pictures, video, editions and
                   the demo authors, topics and sections nothing else uses); without --yes it
                   only says what it would remove
  import jsonl <file> [--section-from category] [--section <slug>] [--create-sections]
              [--publish [--undated-at <date>]] [--batch-size <lines>]
                   Import articles from JSON lines {title, body, category?, published_at?,
                   author?, standfirst?}; drafts unless --publish, which publishes each line
                   at its published_at (2003-07-08 or 2003-07-08T09:30:00Z); lines without
                   one stay drafts, or take --undated-at. Sections must exist unless
                   --create-sections (an unknown one stops the import before it writes).
                   Bad lines are reported by number and skipped; lines already imported
                   are skipped. The search index and related lists are built once.
${IMPORT_SITE_HELP}
${EXPORT_HELP}
  subscribers export [--newsletter <slug>] [--status <pending|confirmed|unsubscribed>] [--out <file>]
                   The subscriptions as CSV (to stdout unless --out)
  subscribers import <file.csv> --newsletter <slug> [--consent]
                   Add the addresses of a CSV file with an "email" column: pending (no email is
                   sent; they confirm by signing up), or confirmed with --consent. Bad lines are
                   reported by number; unsubscribed addresses are never re-added.
  reindex          Rebuild the search index and every related-articles list
  backup <file>    Back up DATA_DIR while the site runs: the SQLite database (online backup)
                   and the media, in one .tar.gz; on PostgreSQL the media only (use pg_dump)
  restore <file>   Restore a backup into an empty or new DATA_DIR
  storage migrate  Copy DATA_DIR/media to the bucket named by S3_BUCKET (S3_ENDPOINT, S3_REGION…),
                   with progress; objects already there (same size and ETag) are skipped, so an
                   interrupted copy resumes when run again. Local files are left in place.
  user create --email <address> --name <name> --role <contributor|writer|editor|admin> [--password-stdin]
                   Create a newsroom account; the password is asked for without echo, or read
                   from standard input with --password-stdin
  user reset-password --email <address> [--password-stdin]
                   Set a new password and sign the account out everywhere
  newsletter list  The newsletters, their schedules and confirmed subscribers
  newsletter compose <newsletter>
                   Compose today's edition (Morning Headlines: the last 24 hours; Video: the
                   week's videos; an added newsletter: what is new since its last edition)
  newsletter send <newsletter> [--now]
                   Queue the edition for the newsletter's next send time, or with --now
                   compose it if needed and send it here and now through the same durable
                   job (resumable, no duplicates)
  worker           Run the background jobs (and the inbound mailbox with INBOUND_SMTP_PORT)
                   without serving pages, until SIGTERM (docs/deploy.md)
${WIRE_HELP}
${INTEGRATION_HELP}
  dkim generate --domain <domain> --selector <selector> [--out <dir>]
                   Write a DKIM key pair (RSA 2048) and print the DNS TXT record to publish
  help             Show this help

Options:
  -h, --help       Show this help

Configuration comes from the environment (DATABASE_URL, DATA_DIR, TZ_NEWSROOM, ...): see README.md.
On SQLite, only migrate and seed demo create a database; the other commands need one in DATA_DIR.`;

// Every command by its words; anything else is answered with the help before a database is opened.
const COMMANDS = new Set([
  "migrate",
  "worker",
  "export",
  "backup",
  "restore",
  "storage migrate",
  "seed demo",
  "import jsonl",
  "import ghost",
  "import wordpress",
  "import london-daily",
  "subscribers export",
  "subscribers import",
  "reindex",
  "user create",
  "user reset-password",
  "newsletter list",
  "newsletter compose",
  "newsletter send",
  "dkim generate",
  "wire add",
  "wire list",
  "wire poll",
  "wire remove",
  "integration create",
  "integration list",
  "integration revoke",
]);
/** The commands that set a database up, and so may create one. */
const CREATES_DATABASE = new Set(["migrate", "seed demo"]);

export async function runCli(
  argv: string[],
  out: (line: string) => void = console.log,
  fail: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: false,
    options: {
      help: { type: "boolean", short: "h" },
      publish: { type: "boolean" },
      "create-sections": { type: "boolean" },
      "undated-at": { type: "string" },
      now: { type: "boolean" },
      "section-from": { type: "string" },
      section: { type: "string" },
      "batch-size": { type: "string" },
      "media-dir": { type: "string" },
      "dry-run": { type: "boolean" },
      newsletter: { type: "string" },
      status: { type: "string" },
      out: { type: "string" },
      consent: { type: "boolean" },
      yes: { type: "boolean" },
      email: { type: "string" },
      name: { type: "string" },
      scopes: { type: "string" },
      role: { type: "string" },
      "password-stdin": { type: "boolean" },
      domain: { type: "string" },
      selector: { type: "string" },
      url: { type: "string" },
      folder: { type: "string" },
      format: { type: "string" },
      interval: { type: "string" },
      token: { type: "string" },
      basic: { type: "string" },
    },
  });
  const [command, ...rest] = positionals;
  if (values.help || !command || command === "help") {
    out(HELP);
    return command || values.help ? 0 : 1;
  }
  const single = ["migrate", "reindex", "backup", "restore", "worker", "export"];
  const words = single.includes(command) ? command : `${command} ${rest[0] ?? ""}`;
  if (!COMMANDS.has(words)) {
    out(`Unknown command: ${[command, ...rest].join(" ")}\n\n${HELP}`);
    return 1;
  }
  // Needs neither the configuration nor a database: it makes the key the configuration will name.
  if (words === "dkim generate") return dkimGenerateCommand(values, out);
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    const line = describeStartupError(err);
    if (line === undefined) throw err;
    fail(line);
    return 1;
  }
  // Backup reads DATA_DIR as it is; restore fills an empty one: neither opens the database here.
  if (command === "backup") return backupCommand(config, rest[0], out);
  if (command === "restore") return restoreCommand(config, rest[0], out);
  if (command === "worker") return runWorker(config, out);
  // Copies files only: the database is not opened.
  if (words === "storage migrate") return storageMigrateCommand(config, out, { fail });
  // A mistyped DATA_DIR must not silently become a new, empty database.
  const sqliteFile = config.databaseUrl ? undefined : sqliteFileOf(config);
  if (sqliteFile && !fs.existsSync(sqliteFile)) {
    if (!CREATES_DATABASE.has(words)) {
      fail(
        `No database in DATA_DIR ${config.dataDir} (no ${path.basename(sqliteFile)} there): check DATA_DIR, ` +
          "or create one there by starting the server or with `london-daily migrate`",
      );
      return 1;
    }
    checkDataDir(config.dataDir);
    out(`New database at ${sqliteFile}`);
  }
  const handle = openDatabase(config);
  let pages: CliPages | undefined;
  const servers = async () => (pages ??= await cliPages(config, handle.db, fail));
  try {
    if (command === "migrate") {
      const applied = await migrateToLatest(handle.db, handle.dialect);
      out(applied.length ? `Applied ${applied.join(", ")}` : "Database is up to date.");
      return 0;
    }
    if (command === "seed" && rest[0] === "demo") {
      const { seeded } = await prepareDatabase(handle, { ...config, seedDemo: true });
      out(seeded ? "Seeded the demo newsroom." : "The database already has articles: nothing seeded.");
      if (seeded) await (await servers())?.dropAll();
      return 0;
    }
    if (command === "demo" && rest[0] === "remove") {
      await migrateToLatest(handle.db, handle.dialect);
      const storage = createStorage(config);
      const confirmed = values.yes === true;
      const counts = await removeDemo(handle.db, storage, { dryRun: !confirmed });
      const what =
        `${counts.articles} stories, ${counts.media} images, ${counts.videos} videos, ${counts.editions} editions, ` +
        `${counts.authors} authors, ${counts.tags} topics and ${counts.sections} sections`;
      if (!confirmed) {
        out(
          `This removes the demo newsroom for good: ${what}. Nothing else is touched. Run again with --yes to remove it.`,
        );
        return 1;
      }
      await recordAudit(handle.db, new Date(), {
        userId: null,
        action: "demo.removed",
        subjectType: "site",
        detail: { ...counts },
        ip: "cli",
      });
      out(`Removed the demo newsroom: ${what}.`);
      await (await servers())?.dropAll();
      return 0;
    }
    const cliAudit = (action: string, detail: Record<string, unknown>) =>
      recordAudit(handle.db, new Date(), { userId: null, action, subjectType: "site", detail, ip: "cli" }).catch(
        (error: unknown) => out(`(Not recorded in the audit log: ${describeError(error)}.)`),
      );
    if (command === "import" && rest[0] === "jsonl") {
      const options = {
        file: rest[1],
        sectionFrom: values["section-from"],
        section: values.section,
        publish: values.publish === true,
        createSections: values["create-sections"] === true,
        undatedAt: values["undated-at"],
        batchSize: values["batch-size"],
        timeZone: config.timeZone,
      };
      const wrong = checkImportArguments(options);
      if (wrong) {
        out(wrong);
        return 1;
      }
      try {
        await prepareDatabase(handle, { ...config, seedDemo: false });
      } catch (error) {
        out(`The import could not open the database: ${describeError(error)}.`);
        return 1;
      }
      const code = await importCommand(handle.db, options, out);
      await (await servers())?.dropAll();
      // Command-line work is in the audit log like the newsroom's (issue 18): no account, from "cli".
      await cliAudit("import.jsonl", { ...options, exitCode: code });
      return code;
    }
    if (command === "import" && (rest[0] === "ghost" || rest[0] === "wordpress")) {
      const args = {
        format: rest[0],
        file: rest[1],
        mediaDir: values["media-dir"],
        section: values.section,
        dryRun: values["dry-run"] === true,
        siteUrl: config.siteUrl,
      } as const;
      const wrong = checkImportSiteArguments(args);
      if (wrong) {
        out(wrong);
        return 1;
      }
      await prepareDatabase(handle, { ...config, seedDemo: false });
      const code = await importSiteCommand(handle.db, createStorage(config), args, out);
      if (!args.dryRun) await (await servers())?.dropAll();
      return code;
    }
    if (command === "export" || (command === "import" && rest[0] === "london-daily")) {
      await prepareDatabase(handle, { ...config, seedDemo: false });
      const storage = createStorage(config);
      if (command === "export") return await exportCommand(handle.db, storage, rest[0], out);
      const code = await loadCommand(handle.db, handle.dialect, storage, rest[1], out);
      await (await servers())?.dropAll();
      return code;
    }
    if (command === "newsletter" && rest[0] === "list") {
      await prepareDatabase(handle, { ...config, seedDemo: false });
      return await newsletterList(handle.db, out);
    }
    if (command === "newsletter" && rest[0] === "compose") {
      await prepareDatabase(handle, { ...config, seedDemo: false });
      const code = await newsletterCompose(handle.db, config, rest[1], new Date(), out);
      await cliAudit("newsletter.compose", { newsletter: rest[1] ?? null, exitCode: code });
      return code;
    }
    if (command === "newsletter" && rest[0] === "send") {
      await prepareDatabase(handle, { ...config, seedDemo: false });
      // The links in the emails carry the site's address, not whatever this shell's environment says.
      const site = await configWithSiteUrl(handle.db, process.env);
      if ("refusal" in site) {
        out(site.refusal);
        return 1;
      }
      const mailer = createMailer(site.config);
      const bar = progressBar("Sending");
      try {
        const code = await newsletterSend(
          {
            db: handle.db,
            config: site.config,
            mailer,
            now: () => new Date(),
            onSendProgress: (done, total) => bar.update(done, total),
            ...((await servers()) ? { pages: (await servers())!.invalidator } : {}),
          },
          rest[1],
          { now: values.now === true },
          out,
        );
        await cliAudit("newsletter.send", { newsletter: rest[1] ?? null, now: values.now === true, exitCode: code });
        return code;
      } finally {
        await mailer.close();
      }
    }
    if (command === "subscribers" && (rest[0] === "export" || rest[0] === "import")) {
      await prepareDatabase(handle, { ...config, seedDemo: false });
      const str = (v: unknown) => (typeof v === "string" ? v : undefined);
      return rest[0] === "export"
        ? await subscribersExport(
            handle.db,
            { newsletter: str(values.newsletter), status: str(values.status), out: str(values.out) },
            out,
          )
        : await subscribersImport(
            handle.db,
            { file: rest[1], newsletter: str(values.newsletter), consent: values.consent === true },
            out,
          );
    }
    if (command === "user" && (rest[0] === "create" || rest[0] === "reset-password")) {
      await prepareDatabase(handle, { ...config, seedDemo: false });
      const str = (v: unknown) => (typeof v === "string" ? v : undefined);
      const password = values["password-stdin"] ? () => readPasswordFromStdin() : () => promptPassword("Password: ");
      return rest[0] === "create"
        ? await userCreate(
            handle.db,
            { email: str(values.email), name: str(values.name), role: str(values.role) },
            password,
            out,
          )
        : await userResetPassword(handle.db, { email: str(values.email) }, password, out);
    }
    if (command === "integration") {
      return await integrationCommand(handle.db, rest[0] ?? "", rest.slice(1), values, () => new Date(), out);
    }
    if (command === "wire") {
      await prepareDatabase(handle, { ...config, seedDemo: false });
      return await wireCommand(handle.db, rest[0] ?? "", rest.slice(1), values, () => new Date(), out);
    }
    if (command === "reindex") {
      await prepareDatabase(handle, { ...config, seedDemo: false });
      const started = performance.now();
      const { articles } = await reindex(handle.db);
      out(`Reindexed ${articles} published articles in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
      await (await servers())?.dropAll();
      return 0;
    }
    out(`Unknown command: ${[command, ...rest].join(" ")}\n\n${HELP}`);
    return 1;
  } catch (err) {
    const line = describeStartupError(err, config.databaseUrl);
    if (line === undefined) throw err;
    fail(line);
    return 1;
  } finally {
    await pages?.close();
    await handle.destroy();
  }
}

const PHASES: Record<RebuildPhase, string> = {
  counting: "Counting words",
  indexing: "Indexing",
  relating: "Relating articles",
};

function reindex(db: Kysely<Database>) {
  const bars = new Map<RebuildPhase, ReturnType<typeof progressBar>>();
  return rebuildDiscoveryIndex(db, (phase, done, total) => {
    if (!bars.has(phase)) bars.set(phase, progressBar(PHASES[phase]));
    bars.get(phase)!.update(done, total);
  });
}
