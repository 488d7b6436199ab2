import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, expect, it } from "vitest";
import { describeEachDatabase } from "../../test/support/databases.js";
import { buildSection } from "../../test/support/factories.js";
import { runCli } from "../cli/main.js";

// A Ghost export of 5,000 posts, generated here (Lexical and Mobiledoc alternately), through the
// command itself: every post imported once, the second run adds nothing, on both engines.

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ghost-scale-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

export function generatedGhostExport(count: number): object {
  const posts = Array.from({ length: count }, (_, i) => {
    const text = `Paragraph ${i} about the borough’s budget, ward ${i % 37}.`;
    const lexical = {
      root: { type: "root", children: [{ type: "paragraph", children: [{ type: "text", text, format: i % 3 }] }] },
    };
    const mobiledoc = { version: "0.3.1", atoms: [], cards: [], markups: [], sections: [[1, "p", [[0, [], 0, text]]]] };
    return {
      id: `gen${String(i).padStart(8, "0")}`,
      title: `Council report number ${i}`,
      slug: `council-report-${i}`,
      ...(i % 2 ? { mobiledoc: JSON.stringify(mobiledoc) } : { lexical: JSON.stringify(lexical) }),
      type: "post",
      status: i % 10 === 0 ? "draft" : "published",
      created_at: new Date(Date.UTC(2015, 0, 1) + i * 3_600_000).toISOString(),
      published_at: new Date(Date.UTC(2015, 0, 1) + i * 3_600_000).toISOString(),
    };
  });
  const users = [{ id: "1", name: "Staff Reporter", slug: "staff" }];
  const posts_authors = posts.map((p) => ({ id: `a${p.id}`, post_id: p.id, author_id: "1", sort_order: 0 }));
  return { db: [{ meta: { version: "5.0.0" }, data: { posts, users, posts_authors, tags: [], posts_tags: [] } }] };
}

describeEachDatabase("a 5,000-post Ghost export through the command", (get) => {
  it("imports every post once", { timeout: 120_000 }, async () => {
    const db = get().handle.db;
    await buildSection(db, { slug: "news", name: "News", position: 0 });
    const file = path.join(dir, `ghost-${get().dialect}.json`);
    fs.writeFileSync(file, JSON.stringify(generatedGhostExport(5000)));
    const env: Record<string, string> = { ...get().env, SEED_DEMO: "false", SITE_URL: "http://localhost:3000" };
    const saved = Object.fromEntries(Object.keys({ ...env, DATABASE_URL: "" }).map((k) => [k, process.env[k]]));
    Object.assign(process.env, env);
    if (!env.DATABASE_URL) delete process.env.DATABASE_URL;
    try {
      const out: string[] = [];
      expect(await runCli(["import", "ghost", file], (l) => out.push(l))).toBe(0);
      expect(out[0]).toMatch(
        /^Imported 5000 posts and 0 pages \(4500 published, 500 drafts\) in [\d.]+ s; 0 already present; 0 skipped\.$/,
      );
      const again: string[] = [];
      expect(await runCli(["import", "ghost", file, "--dry-run"], (l) => again.push(l))).toBe(0);
      expect(again[0]).toMatch(/^Would import 0 posts and 0 pages .*; 5000 already present; 0 skipped\.$/);
    } finally {
      for (const [k, v] of Object.entries(saved))
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
    }
    const n = await db
      .selectFrom("articles")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(5000);
    const redirects = await db
      .selectFrom("redirects")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    expect(Number(redirects.n)).toBe(5001);
  });
});
