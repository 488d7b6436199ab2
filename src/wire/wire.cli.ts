import type { Db } from "../database.js";
import { AppError } from "../platform/errors.js";
import { describePoll } from "./wire-jobs.js";
import { pollProvider } from "./wire-poll.js";
import { createProvider, providerInput, removeProvider } from "./wire-providers.js";
import { listProviders } from "./wire.queries.js";

// `london-daily wire add|list|poll|remove` (README): the same functions as the newsroom's screen.

export const WIRE_HELP = `  wire add --name <n> (--url <url> | --folder <path>) --format <rss|atom|ninjs|newsml-g2>
           [--interval 5m] [--section <slug>] [--token <bearer> | --basic <user:password>]
                   Add a wire provider, polled every interval by the job runner
  wire list        The wire providers and their status (last run, items in 24 h, last error)
  wire poll [<name>]
                   Poll one provider (or every enabled one) now and print what came in
  wire remove <name>
                   Remove a provider and the items nobody used`;

type Values = Record<string, string | boolean | undefined>;
const str = (v: string | boolean | undefined) => (typeof v === "string" ? v : undefined);

export async function wireCommand(
  db: Db,
  sub: string,
  args: string[],
  values: Values,
  now: () => Date,
  out: (line: string) => void,
  /** Hosts feeds may be fetched from although they resolve to private addresses (WIRE_ALLOWED_HOSTS). */
  allowedHosts: ReadonlySet<string> = new Set(),
): Promise<number> {
  try {
    if (sub === "add") return await add(db, values, now(), out);
    if (sub === "list") return await list(db, now(), out);
    if (sub === "poll") return await poll(db, args[0], now, out, allowedHosts);
    if (sub === "remove") return await remove(db, args[0], now(), out);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    const issues = (error.details as { issues?: { path: string; message: string }[] } | undefined)?.issues;
    out(issues?.length ? issues.map((i) => `${i.path ? `--${i.path}: ` : ""}${i.message}`).join("\n") : error.message);
    return 1;
  }
  out(`Unknown command: wire ${sub}`);
  return 1;
}

async function add(db: Db, values: Values, now: Date, out: (line: string) => void): Promise<number> {
  const url = str(values.url);
  const folder = str(values.folder);
  const sectionSlug = str(values.section);
  let sectionId: number | null = null;
  if (sectionSlug) {
    const section = await db.selectFrom("sections").select("id").where("slug", "=", sectionSlug).executeTakeFirst();
    if (!section) throw new AppError("NOT_FOUND", `No section ${sectionSlug}`);
    sectionId = section.id;
  }
  const parsed = providerInput.safeParse({
    name: str(values.name) ?? "",
    sourceKind: folder ? "folder" : "http",
    source: folder ?? url ?? "",
    format: str(values.format) ?? "",
    intervalSeconds: str(values.interval) ?? 300,
    sectionId,
    authKind: values.token ? "bearer" : values.basic ? "basic" : "none",
    authSecret: str(values.token) ?? str(values.basic) ?? null,
  });
  if (!parsed.success) {
    const flag: Record<string, string> = {
      intervalSeconds: "interval",
      source: folder ? "folder" : "url",
      authSecret: "token",
    };
    out(
      parsed.error.issues
        .map((i) => (i.path.length ? `--${flag[String(i.path[0])] ?? String(i.path[0])}: ${i.message}` : i.message))
        .join("\n"),
    );
    return 1;
  }
  await createProvider(db, parsed.data, { userId: null, ip: "cli" }, now);
  out(
    `Added ${parsed.data.name}: ${parsed.data.format} from ${parsed.data.source}, every ${parsed.data.intervalSeconds / 60} min.`,
  );
  return 0;
}

async function list(db: Db, now: Date, out: (line: string) => void): Promise<number> {
  const providers = await listProviders(db, now);
  if (!providers.length) out("No wire providers. Add one with `london-daily wire add`.");
  for (const p of providers) {
    const state = !p.enabled ? "paused" : p.quiet ? "gone quiet" : p.failures ? `failing (${p.failures})` : "ok";
    out(`${p.name}  ${p.format} from ${p.source}  every ${Math.round(p.intervalSeconds / 60)} min  ${state}`);
    out(
      `  last run ${p.lastRunAt ?? "never"}, last item ${p.lastItemAt ?? "never"}, ${p.itemsLast24h} item(s) in 24 h${p.lastError ? `\n  last error: ${p.lastError}` : ""}`,
    );
  }
  return 0;
}

async function byName(db: Db, name: string | undefined) {
  if (!name) throw new AppError("BAD_REQUEST", "Name the provider");
  const row = await db.selectFrom("wire_providers").select(["id", "name"]).where("name", "=", name).executeTakeFirst();
  if (!row) throw new AppError("NOT_FOUND", `No wire provider named ${name}`);
  return row;
}

async function poll(
  db: Db,
  name: string | undefined,
  now: () => Date,
  out: (line: string) => void,
  allowedHosts: ReadonlySet<string>,
): Promise<number> {
  const targets = name
    ? [await byName(db, name)]
    : await db
        .selectFrom("wire_providers")
        .select(["id", "name"])
        .where("enabled", "=", 1)
        .where("source_kind", "!=", "email")
        .orderBy("name")
        .execute();
  let failed = 0;
  for (const target of targets) {
    const summary = await pollProvider({ db, now, http: { allowedHosts } }, target.id, { force: Boolean(name) });
    if (summary.error) failed++;
    out(describePoll(summary));
  }
  if (!targets.length) out("No enabled wire providers to poll.");
  return failed ? 1 : 0;
}

async function remove(db: Db, name: string | undefined, now: Date, out: (line: string) => void): Promise<number> {
  const target = await byName(db, name);
  await removeProvider(db, target.id, { userId: null, ip: "cli" }, now);
  out(`Removed ${target.name}.`);
  return 0;
}
