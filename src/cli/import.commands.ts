import { prepareDatabase } from "../bootstrap.js";
import { describeError } from "../importer/jsonl-import.js";
import { createStorage } from "../platform/storage/create-storage.js";
import type { CliCommand } from "./cli-args.js";
import { exportCommand, loadCommand } from "./export.cli.js";
import { checkImportArguments, importCommand } from "./import-command.js";
import { checkImportSiteArguments, importSiteCommand } from "./import-site.cli.js";

// `import jsonl|ghost|wordpress|london-daily` and `export`: archives in and out.

export async function importJsonlCommand(cli: CliCommand): Promise<number> {
  const { handle, config, rest, values, out } = cli;
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
  await (await cli.servers())?.dropAll();
  await cli.audit("import.jsonl", { ...options, exitCode: code });
  return code;
}

/** `import ghost` and `import wordpress`. */
export async function importSiteExportCommand(cli: CliCommand, format: "ghost" | "wordpress"): Promise<number> {
  const { handle, config, rest, values, out } = cli;
  const args = {
    format,
    file: rest[1],
    mediaDir: values["media-dir"],
    fetchMedia: values["fetch-media"] === true,
    mediaUrl: values["media-url"],
    allowedHosts: config.wireAllowedHosts,
    section: values.section,
    dryRun: values["dry-run"] === true,
    siteUrl: config.siteUrl,
  } as const;
  const wrong = checkImportSiteArguments(args);
  if (wrong) {
    out(wrong);
    return 1;
  }
  await cli.prepare();
  const code = await importSiteCommand(handle.db, createStorage(config), args, out);
  if (!args.dryRun) await (await cli.servers())?.dropAll();
  return code;
}

/** `export <file>`: everything the publisher owns. */
export async function exportSiteCommand(cli: CliCommand): Promise<number> {
  await cli.prepare();
  return await exportCommand(cli.handle.db, createStorage(cli.config), cli.rest[0], cli.out);
}

/** `import london-daily <file>`: such an export into a new, empty site. */
export async function importLondonDailyCommand(cli: CliCommand): Promise<number> {
  const { handle } = cli;
  await cli.prepare();
  const code = await loadCommand(handle.db, handle.dialect, createStorage(cli.config), cli.rest[1], cli.out);
  await (await cli.servers())?.dropAll();
  return code;
}
