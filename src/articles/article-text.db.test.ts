import { expect, it } from "vitest";
import { describeEachDatabase } from "../../test/support/databases.js";
import { buildArticle, buildSection } from "../../test/support/factories.js";
import { applyFields } from "../newsroom/articles/article-fields.js";
import { backfillTextFacts, textFacts } from "./article-text.js";
import { findPublishedArticleBySlug } from "./article.queries.js";

const paragraph = (text: string) => ({ type: "paragraph", content: [{ type: "text", text }] });
const words = (n: number, word: string) => Array.from({ length: n }, () => word).join(" ");

describeEachDatabase("article text facts", (get) => {
  it("fills the description and word count of rows written without them, once, and the page reads them", async () => {
    const db = get().handle.db;
    const section = await buildSection(db);
    const body = { type: "doc", content: [paragraph(words(40, "harbour")), paragraph(words(25, "tide"))] };
    const story = await buildArticle(db, { sectionId: section.id, publishedAt: new Date(), standfirst: "", body });
    expect((await findPublishedArticleBySlug(db, story.slug))!.textFacts).toBeNull();

    let filled = 0;
    for (let n = await backfillTextFacts(db, 2); n > 0; n = await backfillTextFacts(db, 2)) filled += n;
    expect(filled).toBeGreaterThanOrEqual(1);
    expect(await backfillTextFacts(db)).toBe(0);

    const facts = (await findPublishedArticleBySlug(db, story.slug))!.textFacts;
    expect(facts).toEqual(textFacts("", body));
    expect(facts!.wordCount).toBe(65);
    // No standfirst: the body's first words, cut at a word under 160 characters.
    expect(facts!.description).toMatch(/^harbour harbour .*harbour…$/);
    expect(facts!.description.length).toBeLessThanOrEqual(160);
  });

  it("follows the text when a save writes the standfirst or the body", async () => {
    const db = get().handle.db;
    const section = await buildSection(db);
    const story = await buildArticle(db, { sectionId: section.id, publishedAt: new Date() });
    const row = () => db.selectFrom("articles").selectAll().where("id", "=", story.id).executeTakeFirstOrThrow();

    await applyFields(db, await row(), { standfirst: "Ferries run late tonight." }, new Date());
    expect(await row()).toMatchObject({ description: "Ferries run late tonight.", word_count: 3 });

    const body = {
      type: "doc" as const,
      content: [{ type: "paragraph" as const, content: [{ type: "text" as const, text: words(12, "river") }] }],
    };
    await applyFields(db, await row(), { body }, new Date());
    expect(await row()).toMatchObject({ description: "Ferries run late tonight.", word_count: 12 });

    await applyFields(db, await row(), { standfirst: "" }, new Date());
    expect(await row()).toMatchObject({ description: words(12, "river"), word_count: 12 });
  });
});
