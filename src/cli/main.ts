import fs from "node:fs";
import path from "node:path";
import { prepareDatabase } from "../bootstrap.js";
import { openDatabase, sqliteFileOf } from "../database.js";
import { describeError } from "../importer/jsonl-import.js";
import { recordAudit } from "../platform/admin/audit.js";
import { type Config, loadConfig } from "../platform/config.js";
import { checkDataDir, describeStartupError } from "../platform/startup.js";
import { wireCommand } from "../wire/wire.cli.js";
import { runWorker } from "../worker.js";
import { backupCommand, restoreCommand } from "./backup.cli.js";
import { type CliCommand, parseCliArgs } from "./cli-args.js";
import { migrateCommand, reindexCommand, removeDemoCommand, seedDemoCommand } from "./database.commands.js";
import { dkimGenerateCommand } from "./dkim.cli.js";
import { COMMANDS, CREATES_DATABASE, HELP } from "./help.js";
import {
  exportSiteCommand,
  importJsonlCommand,
  importLondonDailyCommand,
  importSiteExportCommand,
} from "./import.commands.js";
import { integrationCommand } from "./integration.cli.js";
import {
  newsletterComposeCommand,
  newsletterListCommand,
  newsletterSendCommand,
  subscribersCommand,
} from "./newsletter.commands.js";
import { type CliPages, cliPages } from "./page-announce.js";
import { storageMigrateCommand } from "./storage.cli.js";
import { userCommand } from "./user.commands.js";

// `london-daily <command>`: the words and options, the help, the configuration and the database,
// then the command, by its words (each group of commands in its own *.commands.ts).

/** The commands that run with the database open, by their words. */
const WITH_DATABASE: Record<string, (cli: CliCommand) => Promise<number>> = {
  migrate: migrateCommand,
  "seed demo": seedDemoCommand,
  "demo remove": removeDemoCommand,
  "import jsonl": importJsonlCommand,
  "import ghost": (cli) => importSiteExportCommand(cli, "ghost"),
  "import wordpress": (cli) => importSiteExportCommand(cli, "wordpress"),
  export: exportSiteCommand,
  "import london-daily": importLondonDailyCommand,
  "newsletter list": newsletterListCommand,
  "newsletter compose": newsletterComposeCommand,
  "newsletter send": newsletterSendCommand,
  "subscribers export": (cli) => subscribersCommand(cli, "export"),
  "subscribers import": (cli) => subscribersCommand(cli, "import"),
  "user create": (cli) => userCommand(cli, "create"),
  "user reset-password": (cli) => userCommand(cli, "reset-password"),
  reindex: reindexCommand,
};

export async function runCli(
  argv: string[],
  out: (line: string) => void = console.log,
  fail: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
): Promise<number> {
  const { positionals, values } = parseCliArgs(argv);
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
  const cli: CliCommand = {
    config,
    handle,
    rest,
    values,
    out,
    servers: async () => (pages ??= await cliPages(config, handle.db, fail)),
    audit: (action, detail) =>
      recordAudit(handle.db, new Date(), { userId: null, action, subjectType: "site", detail, ip: "cli" }).catch(
        (error: unknown) => out(`(Not recorded in the audit log: ${describeError(error)}.)`),
      ),
    prepare: async () => void (await prepareDatabase(handle, { ...config, seedDemo: false })),
  };
  try {
    const run = WITH_DATABASE[words];
    if (run) return await run(cli);
    if (command === "integration") {
      return await integrationCommand(handle.db, rest[0] ?? "", rest.slice(1), values, () => new Date(), out);
    }
    if (command === "wire") {
      await cli.prepare();
      return await wireCommand(
        handle.db,
        rest[0] ?? "",
        rest.slice(1),
        values,
        () => new Date(),
        out,
        new Set(config.wireAllowedHosts),
      );
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
