import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

// `npm run check` enforces the layers of DESIGN.md through eslint-plugin-boundaries (eslint.config.js).
// A resolver that stopped resolving would make the rule pass everything in silence: these probes
// are linted as if they lived where their paths say, and must be refused or allowed as the layers say.

const eslint = new ESLint();

async function errors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.filter((m) => m.ruleId === "boundaries/dependencies").map((m) => m.message);
}

describe("the layering rule", () => {
  it("refuses a platform module that imports a domain, the page layer or the wiring", async () => {
    const found = await errors(
      "src/platform/probe.ts",
      [
        'import { listPublishedArticles } from "../articles/article.queries.js";',
        'import { servePage } from "../pages/page-pipeline.js";',
        'import { JOBS } from "../jobs.js";',
        "export const probe = [listPublishedArticles, servePage, JOBS];",
      ].join("\n"),
    );
    expect(found).toHaveLength(3);
  });

  it("refuses a domain that imports the wiring, but lets it read table types from database.ts", async () => {
    const found = await errors(
      "src/articles/probe.ts",
      [
        'import type { Database } from "../database.js";',
        'import { JOBS } from "../jobs.js";',
        "export const probe = JOBS as unknown as Database;",
      ].join("\n"),
    );
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/wiring/);
  });

  it("lets the wiring import every layer", async () => {
    const found = await errors(
      "src/probe.ts",
      'import { listPublishedArticles } from "./articles/article.queries.js";\nexport const probe = listPublishedArticles;',
    );
    expect(found).toEqual([]);
  });
});
