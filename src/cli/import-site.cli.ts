import fs from "node:fs";
import path from "node:path";
import type { Kysely } from "kysely";
import type { Database } from "../database.js";
import { readGhostExport } from "../importer/ghost/ghost-export.js";
import { type ImportPhase, ImportError, describeError } from "../importer/jsonl-import.js";
import type { SiteExport } from "../importer/site-model.js";
import { type SiteImportSummary, importSite } from "../importer/site-import.js";
import { readWordpressExport } from "../importer/wordpress/wxr-export.js";
import type { Storage } from "../platform/storage/storage.js";
import { progressBar } from "./progress.js";

// `london-daily import ghost|wordpress <file> [--media-dir <dir>] [--fetch-media [--media-url <url>]]
// [--section <slug>] [--dry-run]`:
// reads the export whole (a reading error is one sentence and nothing is written), imports it
// (importer/site-import.ts), and ends with a summary: counts, then every skipped item and why.

export const IMPORT_SITE_HELP = `  import ghost <export.json> [--media-dir <dir>] [--fetch-media [--media-url <url>]]
                   [--section <slug>] [--dry-run]
  import wordpress <export.xml> [--media-dir <dir>] [--fetch-media] [--section <slug>] [--dry-run]
                   Import a Ghost export (posts and pages in Lexical, Mobiledoc or HTML, tags,
                   authors, feature images, excerpts, meta titles) or a WordPress WXR file
                   (posts, pages, categories as sections, tags, authors, featured images);
                   pictures are read from --media-dir (content/images, wp-content/uploads);
                   --fetch-media fetches the others from their addresses (public hosts, or
                   those in WIRE_ALLOWED_HOSTS), paths against --media-url (the old site).
                   Old addresses (/<slug>/, permalinks, ?p=ID) answer 301 to the new ones.
                   Running it again imports nothing twice; --dry-run writes nothing.`;

export interface ImportSiteArgs {
  format: "ghost" | "wordpress";
  file: string | undefined;
  mediaDir: unknown;
  fetchMedia: boolean;
  mediaUrl: unknown;
  /** Hosts pictures may be fetched from although they resolve to private addresses. */
  allowedHosts: readonly string[];
  section: unknown;
  dryRun: boolean;
  siteUrl: string;
}

const PHASES: Record<ImportPhase, string> = {
  reading: "Importing",
  counting: "Counting words",
  indexing: "Indexing",
  relating: "Relating articles",
};

export function checkImportSiteArguments(args: ImportSiteArgs): string | null {
  if (!args.file) return `Name the file to import: london-daily import ${args.format} <file>`;
  if (!fs.existsSync(args.file)) return `No such file: ${args.file}`;
  if (args.mediaDir !== undefined) {
    if (typeof args.mediaDir !== "string" || !fs.statSync(args.mediaDir, { throwIfNoEntry: false })?.isDirectory())
      return `--media-dir names no folder: ${String(args.mediaDir)}`;
  }
  if (args.mediaUrl !== undefined) {
    if (!args.fetchMedia) return "--media-url is for --fetch-media: name both, or neither";
    if (typeof args.mediaUrl !== "string" || !/^https?:\/\/[^/]/i.test(args.mediaUrl) || !URL.canParse(args.mediaUrl))
      return `--media-url is not an http(s) address: ${String(args.mediaUrl)}`;
  }
  return null;
}

export async function readSiteExport(
  format: "ghost" | "wordpress",
  file: string,
  siteUrl: string,
): Promise<SiteExport> {
  const text = await fs.promises.readFile(file, "utf8");
  if (format === "wordpress") {
    const site = readWordpressExport(text, siteUrl);
    if ("error" in site) throw new ImportError(`${site.error}. Nothing was imported.`);
    return site;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ImportError(`${path.basename(file)} is not JSON (${describeError(error)}). Nothing was imported.`);
  }
  const site = readGhostExport(json, siteUrl);
  if ("error" in site) throw new ImportError(`${site.error}. Nothing was imported.`);
  return site;
}

export function describeSiteSummary(summary: SiteImportSummary, seconds: string, dryRun: boolean): string[] {
  const verb = dryRun ? "Would import" : "Imported";
  const lines = [
    `${verb} ${summary.posts} posts and ${summary.pages} pages (${summary.published} published, ${summary.posts + summary.pages - summary.published} drafts) in ${seconds} s; ` +
      `${summary.alreadyPresent} already present; ${summary.skipped.length} skipped.`,
    `Authors new: ${summary.created.authors}; topics new: ${summary.created.tags}; sections new: ${summary.created.sections.length ? summary.created.sections.join(", ") : "none"}.`,
    `Images: ${summary.images.stored} ${dryRun ? "found" : "stored"}, ${summary.images.reused} already stored, ${summary.images.failed} could not be had${summary.images.failed ? " (each named below)" : ""}. ` +
      `Old addresses redirected: ${dryRun ? "(not written in a dry run)" : summary.redirects}.`,
  ];
  const dropped = Object.entries(summary.dropped);
  if (dropped.length) lines.push(`Dropped from bodies: ${dropped.map(([name, n]) => `${n} ${name}`).join(", ")}.`);
  for (const s of summary.skipped) lines.push(`  skipped ${s.item}: ${s.reason}`);
  for (const s of summary.ignored) lines.push(`  not imported ${s.item}: ${s.reason}`);
  return lines;
}

export async function importSiteCommand(
  db: Kysely<Database>,
  storage: Storage,
  args: ImportSiteArgs,
  out: (line: string) => void,
): Promise<number> {
  const started = performance.now();
  const bars = new Map<ImportPhase, ReturnType<typeof progressBar>>();
  try {
    const site = await readSiteExport(args.format, args.file!, args.siteUrl);
    const summary = await importSite(db, site, {
      storage,
      dryRun: args.dryRun,
      ...(typeof args.mediaDir === "string" ? { mediaDir: args.mediaDir } : {}),
      ...(args.fetchMedia
        ? {
            fetchMedia: {
              allowedHosts: new Set(args.allowedHosts),
              ...(typeof args.mediaUrl === "string" ? { baseUrl: args.mediaUrl } : {}),
            },
          }
        : {}),
      ...(typeof args.section === "string" ? { section: args.section } : {}),
      onProgress: (phase, done, total) => {
        if (!bars.has(phase)) bars.set(phase, progressBar(PHASES[phase]));
        bars.get(phase)!.update(done, total);
      },
    });
    for (const line of describeSiteSummary(summary, ((performance.now() - started) / 1000).toFixed(1), args.dryRun))
      out(line);
    const usable = summary.posts + summary.pages + summary.alreadyPresent;
    return summary.skipped.length > 0 && usable === 0 ? 1 : 0;
  } catch (error) {
    out(error instanceof ImportError ? error.message : `The import stopped: ${describeError(error)}.`);
    return 1;
  }
}
