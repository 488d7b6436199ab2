import { EXPORT_HELP } from "./export.cli.js";
import { IMPORT_SITE_HELP } from "./import-site.cli.js";
import { INTEGRATION_HELP } from "./integration.cli.js";
import { WIRE_HELP } from "../wire/wire.cli.js";

export const HELP = `London Daily command-line tool

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
export const COMMANDS = new Set([
  "migrate",
  "worker",
  "export",
  "backup",
  "restore",
  "storage migrate",
  "seed demo",
  "demo remove",
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
export const CREATES_DATABASE = new Set(["migrate", "seed demo"]);
