import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeEachDatabase } from "../../test/support/databases.js";
import { runCli } from "../cli/main.js";
import type { Db } from "../database.js";
import { CsvParser, type CsvRecord, csvField, csvRow, parseCsv } from "../platform/csv.js";
import { describeImport, exportSubscribersCsv, importSubscribersCsv } from "./subscribers-csv.js";
import { requestSubscription } from "./subscription.queries.js";
import { unsubscribe } from "./subscription-changes.js";

const NOW = new Date("2026-11-29T09:00:00.000Z");

async function collect(gen: AsyncIterable<string>): Promise<string> {
  let text = "";
  for await (const chunk of gen) text += chunk;
  return text;
}

describe("CSV parser and writer", () => {
  it("reads quoted fields, doubled quotes, line breaks inside quotes, CRLF, LF and a BOM, with line numbers", () => {
    const text =
      '\uFEFFemail,name\r\na@example.com,"Smith, Ann"\r\n"b@example.com","Say ""hi""\nthere"\nc@example.com,\n';
    expect(parseCsv(text)).toEqual([
      { line: 1, fields: ["email", "name"] },
      { line: 2, fields: ["a@example.com", "Smith, Ann"] },
      { line: 3, fields: ["b@example.com", 'Say "hi"\nthere'] },
      { line: 5, fields: ["c@example.com", ""] },
    ]);
  });

  it("gives the same records however the text is split into chunks", () => {
    const text = 'email\r\n"x,1"\r\n"y""2"\r\nz\r\n';
    const parser = new CsvParser();
    const records: CsvRecord[] = [];
    for (const c of text) records.push(...parser.push(c));
    records.push(...parser.end());
    expect(records).toEqual(parseCsv(text));
    expect(records.map((r) => r.fields[0])).toEqual(["email", "x,1", 'y"2', "z"]);
    expect(records.map((r) => r.line)).toEqual([1, 2, 3, 4]);
  });

  it("marks a malformed record and carries on", () => {
    const records = parseCsv('email\n"a@example.com"x\nb@example.com\n"c@example.com');
    expect(records[1]).toMatchObject({ line: 2, error: "text after a closing quote" });
    expect(records[2]).toEqual({ line: 3, fields: ["b@example.com"] });
    expect(records[3]).toMatchObject({ line: 4, error: "a quoted field is never closed" });
  });

  it("neutralises formulas and quotes what needs quoting", () => {
    expect(csvField("=1+1")).toBe("'=1+1");
    expect(csvField("+44 20")).toBe("'+44 20");
    expect(csvField("-x")).toBe("'-x");
    expect(csvField("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvField('=HYPERLINK("http://evil.example","x")')).toBe('"\'=HYPERLINK(""http://evil.example"",""x"")"');
    expect(csvField("a@example.com")).toBe("a@example.com");
    expect(csvField(null)).toBe("");
    expect(csvRow(["a", "b,c", 1])).toBe('a,"b,c",1\r\n');
    const row = ["'=x", 'he said "no"', "line\nbreak", "plain"];
    expect(parseCsv(csvRow(row))[0]!.fields).toEqual(["''=x", 'he said "no"', "line\nbreak", "plain"]);
  });
});

describeEachDatabase("subscribers CSV", (get) => {
  let ids: Record<string, number>;
  const db = () => get().handle.db;

  beforeAll(async () => {
    const rows = await db().selectFrom("newsletters").select(["id", "slug"]).execute();
    ids = Object.fromEntries(rows.map((r) => [r.slug, r.id]));
    const morning = ids["morning-headlines"]!;
    // gone@: left everything; left@: left the morning newsletter only; already@: confirmed there.
    const gone = await requestSubscription(db(), {
      email: "gone@example.com",
      newsletterIds: [morning],
      source: "form",
      now: NOW,
    });
    await unsubscribe(db(), { subscriberId: gone.subscriberId, newsletterId: "all", now: NOW, via: "newsroom" });
    const left = await requestSubscription(db(), {
      email: "left@example.com",
      newsletterIds: [morning],
      source: "form",
      now: NOW,
    });
    await unsubscribe(db(), { subscriberId: left.subscriberId, newsletterId: morning, now: NOW, via: "newsroom" });
    const already = await requestSubscription(db(), {
      email: "already@example.com",
      newsletterIds: [morning],
      source: "form",
      now: NOW,
    });
    await db()
      .updateTable("subscriptions")
      .set({ status: "confirmed", confirmed_at: NOW.toISOString() })
      .where("subscriber_id", "=", already.subscriberId)
      .execute();
    await requestSubscription(db(), {
      email: "waiting@example.com",
      newsletterIds: [ids["video"]!],
      source: "form",
      now: NOW,
    });
  });

  const subscription = (email: string, newsletterId: number) =>
    db()
      .selectFrom("subscriptions as s")
      .innerJoin("subscribers as p", "p.id", "s.subscriber_id")
      .select(["s.status", "s.consent", "s.source", "s.confirmed_at", "s.updated_at"])
      .where("p.email", "=", email)
      .where("s.newsletter_id", "=", newsletterId)
      .executeTakeFirst();

  it("imports without consent as pending: bad lines by number, duplicates in any case, unsubscribed untouched", async () => {
    const morning = ids["morning-headlines"]!;
    const before = await db().selectFrom("subscribers").selectAll().where("email", "=", "gone@example.com").execute();
    const csv = [
      "Name,Email",
      "Ann,Ann@Example.com",
      "Bob,not-an-address",
      "Ann again,  ANN@example.COM ",
      "Gone,gone@example.com",
      "Left,LEFT@example.com",
      "Already,already@example.com",
      "Cat,cat@example.com",
      "Throwaway,x@mailinator.com",
      "Dee,dee@example.com",
    ].join("\n");
    const summary = await importSubscribersCsv(db(), parseCsv(csv), {
      newsletterId: morning,
      consent: false,
      batchSize: 2,
      now: () => NOW,
    });
    expect(summary.added).toBe(3);
    expect(summary.alreadySubscribed).toBe(1);
    expect(summary.confirmed).toBe(0);
    expect(summary.skipped.map((s) => [s.line, s.kind])).toEqual([
      [3, "bad"],
      [4, "duplicate"],
      [5, "unsubscribed"],
      [6, "unsubscribed"],
      [9, "bad"],
    ]);
    expect(summary.skipped[0]!.reason).toMatch(/"not-an-address": Enter a valid email address/);
    expect(summary.skipped[1]!.reason).toBe("same address as line 2");
    expect(summary.skipped[2]!.reason).toBe("unsubscribed from everything");
    expect(summary.skipped[3]!.reason).toBe("unsubscribed from this newsletter");

    for (const email of ["ann@example.com", "cat@example.com", "dee@example.com"]) {
      expect(await subscription(email, morning)).toMatchObject({
        status: "pending",
        consent: "double-opt-in",
        source: "import",
        confirmed_at: null,
      });
    }
    expect(await db().selectFrom("subscribers").select("email").where("email", "like", "%ann%").execute()).toEqual([
      { email: "ann@example.com" },
    ]);
    // Left everything: the person and their subscriptions are exactly as they were.
    expect(await db().selectFrom("subscribers").selectAll().where("email", "=", "gone@example.com").execute()).toEqual(
      before,
    );
    expect(await subscription("gone@example.com", morning)).toMatchObject({ status: "unsubscribed" });
    expect(await subscription("left@example.com", morning)).toMatchObject({ status: "unsubscribed", source: "form" });
    expect(await subscription("already@example.com", morning)).toMatchObject({ status: "confirmed", source: "form" });

    const text = describeImport(summary, false);
    expect(text[0]).toBe("Added 3 pending; 1 already subscribed; skipped 2 bad, 2 unsubscribed, 1 duplicate.");
    expect(text[1]).toBe("Bad lines: 3, 9.");
    expect(text[2]).toMatch(/No email was sent.*confirm by signing up/);

    // Running it again adds nothing.
    const again = await importSubscribersCsv(db(), parseCsv(csv), { newsletterId: morning, consent: false });
    expect(again.added).toBe(0);
    expect(again.alreadySubscribed).toBe(4);
  });

  it("imports with consent as confirmed (consent: import), and confirms a pending sign-up", async () => {
    const video = ids["video"]!;
    const csv = "email\r\nwaiting@example.com\r\nnew@example.com\r\ngone@example.com\r\n";
    const summary = await importSubscribersCsv(db(), parseCsv(csv), {
      newsletterId: video,
      consent: true,
      now: () => NOW,
    });
    expect(summary).toEqual({
      added: 1,
      alreadySubscribed: 1,
      confirmed: 1,
      skipped: [{ line: 4, kind: "unsubscribed", reason: "unsubscribed from everything" }],
    });
    for (const email of ["new@example.com", "waiting@example.com"]) {
      expect(await subscription(email, video)).toMatchObject({
        status: "confirmed",
        consent: "import",
        confirmed_at: NOW.toISOString(),
      });
    }
    expect(await subscription("gone@example.com", video)).toBeUndefined();
  });

  it("refuses a file without an email column", async () => {
    await expect(
      importSubscribersCsv(db(), parseCsv("name\nAnn\n"), { newsletterId: ids["video"]!, consent: false }),
    ).rejects.toThrow(/no "email" column/);
  });

  it("exports every subscription in batches and round-trips through import", async () => {
    const all = await db()
      .selectFrom("subscriptions as s")
      .innerJoin("subscribers as p", "p.id", "s.subscriber_id")
      .innerJoin("newsletters as n", "n.id", "s.newsletter_id")
      .select(["p.email", "n.slug", "s.status", "p.status as subscriber_status", "s.consent", "s.source"])
      .execute();
    expect(all.length).toBeGreaterThan(5);
    const text = await collect(exportSubscribersCsv(db(), { batchSize: 2 }));
    const records = parseCsv(text);
    expect(records[0]!.fields.join(",")).toBe(
      "email,newsletter,status,subscriber_status,paused,consent,source,confirmed_at,created_at",
    );
    const rows = records.slice(1).map((r) => r.fields);
    expect(rows).toHaveLength(all.length);
    const key = (r: {
      email: string;
      slug: string;
      status: string;
      subscriber_status: string;
      consent: string;
      source: string;
    }) => [r.email, r.slug, r.status, r.subscriber_status, r.consent, r.source].join("|");
    expect(rows.map((f) => [f[0], f[1], f[2], f[3], f[5], f[6]].join("|")).sort()).toEqual(all.map(key).sort());
    expect(rows.every((f) => f[4] === "no" && f.length === 9)).toBe(true);

    const confirmed = parseCsv(
      await collect(exportSubscribersCsv(db(), { newsletterId: ids["video"]!, status: "confirmed", batchSize: 1 })),
    ).slice(1);
    expect(confirmed.map((r) => r.fields[0]).sort()).toEqual(["new@example.com", "waiting@example.com"]);

    // The export imports into another newsletter: everyone but those who left everything.
    const breaking = ids["breaking-news"]!;
    const summary = await importSubscribersCsv(db(), parseCsv(text), { newsletterId: breaking, consent: false });
    const people = new Set(all.filter((r) => r.subscriber_status !== "unsubscribed").map((r) => r.email));
    expect(summary.added).toBe(people.size);
    const added = await db()
      .selectFrom("subscriptions as s")
      .innerJoin("subscribers as p", "p.id", "s.subscriber_id")
      .select("p.email")
      .where("s.newsletter_id", "=", breaking)
      .execute();
    expect(new Set(added.map((a) => a.email))).toEqual(people);
  });

  it("guards against formula injection in the export, and imports the guarded address back", async () => {
    const weird = await requestSubscription(db() as Db, {
      email: "-2+3@example.com",
      newsletterIds: [ids["video"]!],
      source: '=HYPERLINK("http://evil.example","click")',
      now: NOW,
    });
    expect(weird.subscriberId).toBeGreaterThan(0);
    const text = await collect(exportSubscribersCsv(db(), { newsletterId: ids["video"]! }));
    const line = text.split("\r\n").find((l) => l.includes("2+3@example.com"))!;
    expect(line.startsWith("'-2+3@example.com,video,pending,")).toBe(true);
    expect(line).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
    expect(text).not.toMatch(/(^|,)[=+\-@]/m);

    const summary = await importSubscribersCsv(db(), parseCsv(text), {
      newsletterId: ids["morning-headlines"]!,
      consent: false,
    });
    expect(summary.skipped.filter((s) => s.kind === "bad")).toEqual([]);
    expect(await subscription("-2+3@example.com", ids["morning-headlines"]!)).toMatchObject({ status: "pending" });
  });
});

// Both commands end to end, on a fresh SQLite database in a temporary folder.
describe("london-daily subscribers export|import", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cli-subscribers-"));
  const saved = {
    DATA_DIR: process.env.DATA_DIR,
    DATABASE_URL: process.env.DATABASE_URL,
    SEED_DEMO: process.env.SEED_DEMO,
  };
  beforeAll(async () => {
    process.env.DATA_DIR = dir;
    delete process.env.DATABASE_URL;
    process.env.SEED_DEMO = "false";
    // Commands other than migrate refuse a DATA_DIR without a database.
    expect(await runCli(["migrate"], () => {})).toBe(0);
  });
  afterAll(() => {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("imports a file with a report, then exports it", async () => {
    const file = path.join(dir, "list.csv");
    fs.writeFileSync(file, "\uFEFFemail,name\r\nann@example.com,Ann\r\nnope,Bob\r\nANN@example.com,Ann\r\n");
    const out: string[] = [];
    expect(
      await runCli(["subscribers", "import", file, "--newsletter", "video", "--consent"], (l) => out.push(l)),
    ).toBe(0);
    expect(out).toEqual([
      expect.stringMatching(/^line 3 skipped: "nope": Enter a valid email address/),
      "line 4 skipped: same address as line 2",
      "Added 1 confirmed (consent: import); 0 already subscribed; skipped 1 bad, 0 unsubscribed, 1 duplicate.",
      "Bad lines: 3.",
    ]);

    const csv = path.join(dir, "out.csv");
    const exported: string[] = [];
    expect(
      await runCli(["subscribers", "export", "--newsletter", "video", "--status", "confirmed", "--out", csv], (l) =>
        exported.push(l),
      ),
    ).toBe(0);
    expect(exported).toEqual([`Exported 1 subscription to ${csv}.`]);
    const rows = parseCsv(fs.readFileSync(csv, "utf8"));
    expect(rows).toHaveLength(2);
    expect(rows[1]!.fields.slice(0, 7)).toEqual([
      "ann@example.com",
      "video",
      "confirmed",
      "active",
      "no",
      "import",
      "import",
    ]);

    const errors: string[] = [];
    expect(await runCli(["subscribers", "import", file], (l) => errors.push(l))).toBe(1);
    expect(errors[0]).toMatch(/--newsletter <slug>.*morning-headlines/);
    expect(await runCli(["subscribers", "export", "--status", "maybe"], (l) => errors.push(l))).toBe(1);
    expect(errors.at(-1)).toMatch(/--status takes pending, confirmed, unsubscribed/);
  });
});
