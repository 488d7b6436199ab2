import fs from "node:fs";
import { expect, it } from "vitest";
import { CORPUS, evaluateRelated, readCorpus } from "../../bench/related-eval.js";
import { describeEachDatabase } from "../../test/support/databases.js";

// The Related Articles evaluation on a sample of the labelled corpus (100 stories per category,
// about a fifth of it). The full corpus scores higher (npm run eval:related, floor 0.90; figures in
// BENCHMARKS.md): fewer stories per category leave fewer true neighbours to find.
const SAMPLE_FLOOR = 0.85;
const corpusHere = fs.existsSync(CORPUS);
if (!corpusHere) {
  console.warn(
    "\n*** SKIPPED: the Related Articles evaluation needs the labelled corpus, which is not on this machine ***\n",
  );
}

describeEachDatabase("related articles evaluation", (get) => {
  it.runIf(corpusHere)(
    `keeps precision@5 on a sample at or above ${SAMPLE_FLOOR} and never shows a near-duplicate`,
    async () => {
      const result = await evaluateRelated(get().handle.db, readCorpus(100));
      expect(result.articles).toBeGreaterThan(450);
      expect(result.precisionAt5).toBeGreaterThanOrEqual(SAMPLE_FLOOR);
      expect(result.duplicatePairs).toBeGreaterThan(0);
      expect(result.duplicatesRecognised).toBe(result.duplicatePairs);
      expect(result.duplicatesShownAsRelated).toBe(0);
    },
    120_000,
  );
});
