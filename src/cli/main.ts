import { parseArgs } from "node:util";
import { prepareDatabase } from "../bootstrap.js";
import { openDatabase } from "../database.js";
import { seedDemo } from "../demo/seed.js";
import { loadConfig } from "../platform/config.js";
import { migrateToLatest } from "../platform/migrations/migrate.js";

const HELP = `London Daily command-line tool

Usage: london-daily <command> [options]

Commands:
  migrate          Apply pending database migrations
  seed demo        Seed the demo newsroom into an empty database
  help             Show this help

Options:
  -h, --help       Show this help

Configuration comes from the environment (DATABASE_URL, DATA_DIR, TZ_NEWSROOM, ...): see README.md.`;

export async function runCli(argv: string[], out: (line: string) => void = console.log): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: false,
    options: { help: { type: "boolean", short: "h" } },
  });
  const [command, ...rest] = positionals;
  if (values.help || !command || command === "help") {
    out(HELP);
    return command || values.help ? 0 : 1;
  }
  const config = loadConfig();
  const handle = openDatabase(config);
  try {
    if (command === "migrate") {
      const applied = await migrateToLatest(handle.db, handle.dialect);
      out(applied.length ? `Applied ${applied.join(", ")}` : "Database is up to date.");
      return 0;
    }
    if (command === "seed" && rest[0] === "demo") {
      await prepareDatabase(handle, { ...config, seedDemo: false });
      const seeded = await seedDemo(handle.db, { dataDir: config.dataDir, now: new Date(), timeZone: config.timeZone });
      out(seeded ? "Seeded the demo newsroom." : "The database already has articles: nothing seeded.");
      return 0;
    }
    out(`Unknown command: ${[command, ...rest].join(" ")}\n\n${HELP}`);
    return 1;
  } finally {
    await handle.destroy();
  }
}
