import { mkdir, mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { simpleParser } from "mailparser";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createMailer } from "./mailer.js";
import { outboxFileName, outboxPath, writeFileAtomically } from "./outbox.js";

let dataDir: string;
beforeEach(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), "ld-outbox-"));
});
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

const config = () => ({
  smtpUrl: undefined,
  mailFrom: "London Daily <newsletters@london-daily.example>",
  smtpMaxConnections: 5,
  smtpRatePerSecond: 0,
  dataDir,
});

const listing = async (dir: string) => (await readdir(dir, { recursive: true })).map(String).sort();

describe("the file outbox", () => {
  it("writes each message as a parseable .eml under DATA_DIR/outbox/<date>/ and logs where", async () => {
    const logged: Array<{ obj: object; msg: string }> = [];
    const mailer = createMailer(config(), { logger: { info: (obj, msg) => logged.push({ obj, msg }) } });
    expect(mailer.transport).toBe("outbox");
    const dayBefore = new Date().toISOString().slice(0, 10);
    const result = await mailer.send({
      to: "editor@london-daily.example",
      subject: "You are invited to the newsroom — £0, 🎉",
      html: "<p>Join us</p>",
      text: "Join us",
      messageId: "<invite-3@london-daily.example>",
    });
    await mailer.close();

    // The UTC date of the send (read on both sides of it, in case the test straddles midnight).
    const day = [dayBefore, new Date().toISOString().slice(0, 10)].find((d) => result.location?.includes(d)) ?? "";
    const expected = path.join(dataDir, "outbox", day, "invite-3@london-daily.example.eml");
    expect(result).toEqual({
      messageId: "<invite-3@london-daily.example>",
      accepted: ["editor@london-daily.example"],
      rejected: [],
      location: expected,
    });
    expect(logged).toEqual([{ obj: { messageId: result.messageId, location: expected }, msg: expect.any(String) }]);
    const raw = await readFile(expected);
    expect(raw.toString("latin1")).toMatch(/\r\nSubject: =\?UTF-8\?/);
    const parsed = await simpleParser(raw);
    expect(parsed.subject).toBe("You are invited to the newsroom — £0, 🎉");
    expect(parsed.messageId).toBe("<invite-3@london-daily.example>");
    expect(parsed.to).toMatchObject({ value: [{ address: "editor@london-daily.example" }] });
    expect(parsed.html).toContain("<p>Join us</p>");
    expect(parsed.text?.trim()).toBe("Join us");
    expect(await listing(path.join(dataDir, "outbox"))).toEqual([day, `${day}/invite-3@london-daily.example.eml`]);
  });

  it("writes a prepared copy as its .eml, addressed to its recipient", async () => {
    const mailer = createMailer(config());
    const prepared = await mailer.prepare({ subject: "Morning Headlines — £2bn", html: "<p>Hi</p>", text: "Hi" });
    const result = await prepared.send({
      to: "reader@example.org",
      messageId: "<mh.2026-11-29.7@london-daily.example>",
    });
    await mailer.close();
    expect(result).toMatchObject({
      messageId: "<mh.2026-11-29.7@london-daily.example>",
      accepted: ["reader@example.org"],
    });
    const parsed = await simpleParser(await readFile(result.location!));
    expect(parsed.subject).toBe("Morning Headlines — £2bn");
    expect(parsed.to).toMatchObject({ value: [{ address: "reader@example.org" }] });
    expect(parsed.text).toBe("Hi");
  });

  it("gives a generated Message-ID when none is set, one file per message", async () => {
    const mailer = createMailer(config());
    const a = await mailer.send({ to: "a@example.com", subject: "A", html: "<p>A</p>", text: "A" });
    const b = await mailer.send({ to: "b@example.com", subject: "B", html: "<p>B</p>", text: "B" });
    expect(a.messageId).toMatch(/^<.+@london-daily\.example>$/);
    expect(a.location).not.toBe(b.location);
    expect((await simpleParser(await readFile(a.location!))).messageId).toBe(a.messageId);
  });

  it("leaves nothing behind when the file cannot be put in place", async () => {
    const mailer = createMailer(config());
    const messageId = "<blocked@london-daily.example>";
    const target = outboxPath(path.join(dataDir, "outbox"), messageId);
    await mkdir(target, { recursive: true }); // a directory where the file should go: the rename fails
    const err = await mailer
      .send({ to: "a@example.com", subject: "A", html: "<p>A</p>", text: "A", messageId })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ name: "MailError", kind: "transient" });
    expect(await readdir(path.dirname(target))).toEqual([path.basename(target)]);
  });

  it("writes nothing at all when the message stream fails part-way", async () => {
    const target = path.join(dataDir, "outbox", "day", "half.eml");
    async function* halfThenFail() {
      yield Buffer.from("Subject: half\r\n");
      throw new Error("disk gone");
    }
    await expect(writeFileAtomically(target, Readable.from(halfThenFail()))).rejects.toThrow("disk gone");
    expect(await readdir(path.dirname(target))).toEqual([]);
  });

  it("names files from Message-IDs safely, without collisions between ids that differ only in unsafe characters", () => {
    expect(outboxFileName("<edition-1.reader-2@l.example>")).toBe("edition-1.reader-2@l.example.eml");
    const slash = outboxFileName("<../../etc/passwd@l.example>");
    expect(slash).not.toContain("/");
    expect(slash.startsWith(".")).toBe(false);
    expect(outboxFileName("<a/b@l.example>")).not.toBe(outboxFileName("<a_b@l.example>"));
  });
});
