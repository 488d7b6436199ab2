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

  it("fails with help when no command is given", async () => {
    const lines: string[] = [];
    expect(await runCli([], (l) => lines.push(l))).toBe(1);
    expect(lines.join("\n")).toContain("Usage:");
  });
});
