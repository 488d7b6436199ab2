import { generateKeyPairSync } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadConfig } from "./config.js";
import { generateDkimKeyPair } from "./mail/dkim.js";

const { privateKey } = generateDkimKeyPair();
const site = { MAIL_FROM: "London Daily <newsletters@news.london-daily.example>" };

describe("DKIM settings", () => {
  it("are off unless set, and take the key as PEM or as the path of a PEM file", async () => {
    expect(loadConfig(site).dkim).toBeUndefined();
    const inline = loadConfig({
      ...site,
      DKIM_DOMAIN: "london-daily.example",
      DKIM_SELECTOR: "ld2026",
      DKIM_PRIVATE_KEY: privateKey,
    });
    expect(inline.dkim).toMatchObject({ domain: "london-daily.example", selector: "ld2026" });
    expect(inline.dkim?.privateKey).toContain("BEGIN PRIVATE KEY");
    const dir = await mkdtemp(path.join(os.tmpdir(), "ld-dkim-config-"));
    try {
      const file = path.join(dir, "key.pem");
      await writeFile(file, privateKey);
      const fromFile = loadConfig({
        ...site,
        DKIM_DOMAIN: "london-daily.example",
        DKIM_SELECTOR: "s1",
        DKIM_PRIVATE_KEY: file,
      });
      expect(fromFile.dkim?.privateKey).toBe(inline.dkim?.privateKey);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("refuses part of them, a key that is no key or no file, a short or non-RSA key, and a domain not aligned with From", () => {
    const dkim = { DKIM_DOMAIN: "london-daily.example", DKIM_SELECTOR: "ld2026", DKIM_PRIVATE_KEY: privateKey };
    expect(() => loadConfig({ ...site, DKIM_DOMAIN: "london-daily.example" })).toThrow(/must be set together/);
    expect(() => loadConfig({ ...site, ...dkim, DKIM_PRIVATE_KEY: "/no/such/key.pem" })).toThrow(
      /DKIM_PRIVATE_KEY is neither a PEM key nor a readable file \(ENOENT\)/,
    );
    expect(() => loadConfig({ ...site, ...dkim, DKIM_PRIVATE_KEY: "-----BEGIN PRIVATE KEY-----\nxx\n" })).toThrow(
      /DKIM_PRIVATE_KEY is not a PEM private key/,
    );
    const small = generateKeyPairSync("rsa", { modulusLength: 512 }).privateKey.export({
      type: "pkcs8",
      format: "pem",
    });
    expect(() => loadConfig({ ...site, ...dkim, DKIM_PRIVATE_KEY: String(small) })).toThrow(/at least 1024/);
    const ec = generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey.export({ type: "pkcs8", format: "pem" });
    expect(() => loadConfig({ ...site, ...dkim, DKIM_PRIVATE_KEY: String(ec) })).toThrow(/must be an RSA key/);
    expect(() => loadConfig({ ...site, ...dkim, DKIM_DOMAIN: "elsewhere.example" })).toThrow(/DMARC alignment/);
    expect(() => loadConfig({ ...site, ...dkim, DKIM_SELECTOR: "bad selector" })).toThrow(/DKIM_SELECTOR/);
  });
});

describe("MAIL_BOUNCE_ADDRESS", () => {
  it("is unset by default and must be one bare address", () => {
    expect(loadConfig({}).mailBounceAddress).toBeUndefined();
    expect(loadConfig({ MAIL_BOUNCE_ADDRESS: "bounces@london-daily.example" }).mailBounceAddress).toBe(
      "bounces@london-daily.example",
    );
    for (const bad of ["bounces", "Bounces <b@x.example>", "b@x.example\r\nRCPT TO:<y@z.example>"])
      expect(() => loadConfig({ MAIL_BOUNCE_ADDRESS: bad }), bad).toThrow(/MAIL_BOUNCE_ADDRESS/);
  });
});
