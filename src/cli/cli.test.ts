import { createPrivateKey, createPublicKey, sign, verify } from "node:crypto";
import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "./main.js";

describe("london-daily CLI", () => {
  it("prints help with --help and lists the commands", async () => {
    const lines: string[] = [];
    expect(await runCli(["--help"], (l) => lines.push(l))).toBe(0);
    expect(lines.join("\n")).toMatch(/Usage: london-daily <command>/);
    expect(lines.join("\n")).toMatch(/migrate/);
    expect(lines.join("\n")).toMatch(/seed demo/);
  });

  it("knows every command its help lists", async () => {
    const { COMMANDS, HELP } = await import("./help.js");
    // A command line of the help: two spaces, then lower-case words up to an option, argument or
    // the column of descriptions.
    const listed = [...HELP.matchAll(/^ {2}([a-z][a-z-]*(?: [a-z][a-z-]*)?)(?= {2,}|$| [<[-])/gm)].map((m) => m[1]!);
    expect(listed).toContain("demo remove");
    expect(listed.filter((c) => c !== "help" && !COMMANDS.has(c))).toEqual([]);
  });

  it("fails with help when no command is given", async () => {
    const lines: string[] = [];
    expect(await runCli([], (l) => lines.push(l))).toBe(1);
    expect(lines.join("\n")).toContain("Usage:");
  });
});

describe("london-daily dkim generate", () => {
  it("writes a key pair that signs and verifies, and prints the TXT record holding its public half", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "ld-dkim-cli-"));
    try {
      const lines: string[] = [];
      const args = ["dkim", "generate", "--domain", "london-daily.example", "--selector", "ld2026", "--out", dir];
      expect(await runCli(args, (l) => lines.push(l))).toBe(0);
      const base = path.join(dir, "ld2026._domainkey.london-daily.example");
      const privateKey = createPrivateKey(await readFile(`${base}.private.pem`, "utf8"));
      expect(privateKey.asymmetricKeyDetails?.modulusLength).toBe(2048);
      expect((await stat(`${base}.private.pem`)).mode & 0o077).toBe(0);
      const record = /v=DKIM1; k=rsa; p=([A-Za-z0-9+/=]+)/.exec(lines.join("\n"));
      const publicKey = createPublicKey({ key: Buffer.from(record![1]!, "base64"), format: "der", type: "spki" });
      const signature = sign("sha256", Buffer.from("x"), privateKey);
      expect(verify("sha256", Buffer.from("x"), publicKey, signature)).toBe(true);
      expect(lines.join("\n")).toContain("ld2026._domainkey.london-daily.example");
      // A second run never overwrites the key in use.
      const again: string[] = [];
      expect(await runCli(args, (l) => again.push(l))).toBe(1);
      expect(again.join("\n")).toMatch(/already exists/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("asks for the domain and the selector", async () => {
    const lines: string[] = [];
    expect(await runCli(["dkim", "generate", "--domain", "example.com"], (l) => lines.push(l))).toBe(1);
    expect(lines.join("\n")).toMatch(/Usage: london-daily dkim generate/);
  });
});
