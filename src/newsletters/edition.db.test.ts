import { beforeAll, expect, it } from "vitest";
import { describeEachDatabase } from "../../test/support/databases.js";
import { NOW, buildNewsroom } from "../../test/support/newsroom-fixture.js";
import { composeMorningHeadlines, loadEdition } from "./edition.js";
import { PREFERENCES_SLOT, UNSUBSCRIBE_SLOT, editionEmail, personalise } from "./email/edition-email.js";

const TZ = "Europe/London";
const SITE = { name: "London Daily", url: "https://news.example" };

describeEachDatabase("the Morning Headlines edition", (get) => {
  beforeAll(async () => {
    const db = get().handle.db;
    await buildNewsroom(db);
    // The fixture has a hand-made edition for the day; this suite composes its own.
    await db.deleteFrom("briefings").where("edition_date", "=", "2026-07-01").execute();
  });

  it("composes the day's edition once, lead first, from the last 24 hours only", async () => {
    const db = get().handle.db;
    const first = await composeMorningHeadlines(db, { now: NOW, timeZone: TZ });
    expect(first).toMatchObject({ status: "composed", items: 4 });
    expect(await composeMorningHeadlines(db, { now: NOW, timeZone: TZ })).toMatchObject({ status: "exists" });

    const edition = (await loadEdition(db, { editionDate: "2026-07-01", siteName: SITE.name, timeZone: TZ }))!;
    expect(edition.title).toBe("London Daily Morning Headlines - Wednesday, July 1 2026");
    expect(edition.lead!.article.slug).toBe("night-buses-return");
    const slugs = [edition.lead!, ...edition.top, ...edition.sections.flatMap((s) => s.items)].map(
      (e) => e.article.slug,
    );
    expect(slugs).toContain("ferries-in-rotterdam");
    expect(slugs).not.toContain("library-hours"); // 40 hours old
    expect(slugs).not.toContain("unfinished-draft");
    expect(edition.sendStatus).toBe("pending");
  });

  it("makes no edition on a day without news", async () => {
    const db = get().handle.db;
    const quiet = new Date("2027-01-10T05:30:00Z");
    expect(await composeMorningHeadlines(db, { now: quiet, timeZone: TZ })).toEqual({ status: "empty" });
    expect(await loadEdition(db, { editionDate: "2027-01-10", siteName: SITE.name, timeZone: TZ })).toBeUndefined();
  });

  it("renders an email for clients: absolute links and images with alt and size, and a matching text part", async () => {
    const edition = (await loadEdition(get().handle.db, {
      editionDate: "2026-07-01",
      siteName: SITE.name,
      timeZone: TZ,
    }))!;
    const email = editionEmail(edition, SITE);
    expect(email.subject).toBe(edition.title);
    expect(email.html).toContain('width="600"');
    expect(email.html).toContain(
      'href="https://news.example/uk/night-buses-return?utm_source=morning-headlines&amp;utm_medium=email"',
    );
    expect(email.html).toMatch(
      /<img src="https:\/\/news\.example\/media\/[^"]+" alt="The river at dawn" width="536" height="\d+"/,
    );
    expect(email.html).not.toMatch(/(src|href)="\//);
    expect(email.html).toContain("View in browser");
    expect(email.text).toContain("* Night buses return to the river crossings");
    expect(email.text).toContain(
      "https://news.example/uk/night-buses-return?utm_source=morning-headlines&utm_medium=email",
    );

    const mine = personalise(email, {
      preferences: "https://news.example/p?s=1&t=x",
      unsubscribe: "https://news.example/u?s=1&n=m&t=y",
    });
    expect(mine.html).toContain('href="https://news.example/u?s=1&amp;n=m&amp;t=y"');
    expect(mine.text).toContain("Unsubscribe:\nhttps://news.example/u?s=1&n=m&t=y");
    expect(mine.html).not.toContain(UNSUBSCRIBE_SLOT);
    expect(mine.text).not.toContain(PREFERENCES_SLOT);
  });
});
