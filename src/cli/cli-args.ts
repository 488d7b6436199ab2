import { parseArgs } from "node:util";
import type { Database } from "../database.js";
import type { Config } from "../platform/config.js";
import type { DatabaseHandle } from "../platform/db/connect.js";
import type { CliPages } from "./page-announce.js";

// What every command is given: its words and options as parsed once in main.ts, the configuration,
// the open database, and the ways out (lines, the audit log, the running servers' caches).

export function parseCliArgs(argv: string[]) {
  return parseArgs({
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
      "fetch-media": { type: "boolean" },
      "media-url": { type: "string" },
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
}

export type CliValues = ReturnType<typeof parseCliArgs>["values"];

/** A command with the database open. */
export interface CliCommand {
  config: Config;
  handle: DatabaseHandle<Database>;
  /** The words after the first: for `import jsonl <file>`, `["jsonl", "<file>"]`. */
  rest: string[];
  values: CliValues;
  out: (line: string) => void;
  /** The running servers and the CDN, to drop what a command changed; undefined when neither is set up. */
  servers(): Promise<CliPages | undefined>;
  /** Command-line work is in the audit log like the newsroom's (issue 18): no account, from "cli". */
  audit(action: string, detail: Record<string, unknown>): Promise<void>;
  /** Migrates (and never seeds): what a command needs before it reads or writes. */
  prepare(): Promise<void>;
}

/** A string option's value, or undefined when absent or given as a bare flag. */
export const str = (v: unknown) => (typeof v === "string" ? v : undefined);
