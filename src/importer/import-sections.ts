import fs from "node:fs";
import readline from "node:readline";
import type { Kysely } from "kysely";
import type { Database } from "../database.js";
import { slugify } from "../platform/slug.js";
import type { BatchOptions } from "./import-batch.js";
import { ImportError, type ImportOptions, parseImportLine } from "./jsonl-import.js";

// Where an import's lines go, settled before anything is written (docs/adr/025): the sections must
// exist unless `createSections` is given. An unknown section is one sentence naming it, the lines
// that ask for it and the sections there are; the import writes nothing.

const LINES_SHOWN = 5;

const list = (items: string[]) =>
  items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;

/** The section slug `--section` names (by slug or by name, any case), when it exists. */
function findSection(sections: { slug: string; name: string }[], wanted: string) {
  const slug = slugify(wanted);
  return sections.find((s) => s.slug === slug || s.name.toLowerCase() === wanted.trim().toLowerCase());
}

export async function checkSections(
  db: Kysely<Database>,
  file: string,
  options: ImportOptions,
  timeZone: string,
): Promise<Pick<BatchOptions, "section">> {
  const sections = await db.selectFrom("sections").select(["slug", "name"]).orderBy("position").execute();
  const known = sections.length
    ? `the sections are ${list(sections.map((s) => s.slug))}`
    : "the site has no section yet";
  const create = options.createSections === true;
  let section: string | undefined;
  if (options.section !== undefined) {
    const found = findSection(sections, options.section);
    if (!found && !create)
      throw new ImportError(
        `There is no section "${options.section}" (${known}): name one of them, or add --create-sections to create it. Nothing was imported.`,
      );
    section = found?.slug ?? options.section;
  } else if (sections.length === 0 && !create) {
    throw new ImportError(
      "The site has no section yet: create one in the newsroom, name one with --section and add --create-sections, or add --create-sections. Nothing was imported.",
    );
  }
  if (options.sectionFrom !== "category" || create) return section === undefined ? {} : { section };

  // Every category must be a section already: one pass over the file before the first write.
  const slugs = new Set(sections.map((s) => s.slug));
  const unknown = new Map<string, number[]>();
  const lines = readline.createInterface({
    input: fs.createReadStream(file, { encoding: "utf8" }),
    crlfDelay: Infinity,
  });
  let number = 0;
  for await (const text of lines) {
    number += 1;
    if (!text.includes("category")) continue;
    const parsed = parseImportLine(text, timeZone);
    const category = parsed.ok ? parsed.data.category : undefined;
    if (!category || slugs.has(slugify(category))) continue;
    const at = unknown.get(category) ?? [];
    if (at.length < LINES_SHOWN) at.push(number);
    unknown.set(category, at);
  }
  if (unknown.size > 0) {
    const named = [...unknown].map(
      ([category, at]) => `"${category}" (line${at.length > 1 ? "s" : ""} ${list(at.map(String))})`,
    );
    throw new ImportError(
      `${unknown.size === 1 ? "A category is" : "Some categories are"} no section of the site: ${list(named)}; ${known}. ` +
        "Add --create-sections to create them, or change the lines. Nothing was imported.",
    );
  }
  return section === undefined ? {} : { section };
}
