import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { openDatabase } from "../src/database.js";
import { loadConfig } from "../src/platform/config.js";
import { migrateToLatest } from "../src/platform/migrations/migrate.js";
import { CORPUS, evaluateRelated, readCorpus } from "./related-eval.js";

// npm run eval:related [-- --sample <per category>] : imports the BBC corpus into a fresh SQLite
// database (or the PostgreSQL of DATABASE_URL, which must be empty) and prints precision@5.

const FLOOR = 0.9;
const { values } = parseArgs({ options: { sample: { type: "string" } } });
if (!fs.existsSync(CORPUS)) {
  console.error(`The labelled corpus is not here (${path.basename(CORPUS)}): nothing to evaluate.`);
  process.exit(2);
}
const perCategory = values.sample ? Number(values.sample) : Infinity;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "london-daily-eval-"));
const config = { ...loadConfig(), dataDir };
const handle = openDatabase(config);
try {
  await migrateToLatest(handle.db, handle.dialect);
  const result = await evaluateRelated(handle.db, readCorpus(perCategory));
  console.log(`Related Articles on the BBC News corpus (${handle.dialect}, ${result.articles} articles)`);
  console.log(`  mean precision@5 (same category): ${result.precisionAt5.toFixed(4)}   floor ${FLOOR}`);
  console.log(`  one by one, as a publication ranks (rankRelated): ${result.incrementalPrecisionAt5.toFixed(4)}`);
  for (const [category, p] of Object.entries(result.perCategory))
    console.log(`    ${category.padEnd(14)} ${p.toFixed(4)}`);
  console.log(
    `  near-duplicates (same story, new headline): ${result.duplicatesRecognised}/${result.duplicatePairs} recognised, ` +
      `${result.duplicatesShownAsRelated} shown as related`,
  );
  console.log(`  import, index and rank: ${result.seconds.toFixed(1)} s`);
  process.exitCode = result.precisionAt5 >= FLOOR ? 0 : 1;
} finally {
  await handle.destroy();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
