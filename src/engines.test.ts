import fs from "node:fs";
import { describe, expect, it } from "vitest";

// The README promises the Node.js version package.json's `engines` names; every package the
// lockfile installs must declare that it runs there too, or `npm install` warns EBADENGINE (and a
// strict install refuses). An `overrides` entry in package.json pins a version that does.

type Version = [number, number, number];

function parseVersion(text: string): Version {
  const [major = 0, minor = 0, patch = 0] = text.split(".").map((part) => Number.parseInt(part, 10) || 0);
  return [major, minor, patch];
}

function compare(a: Version, b: Version): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}

/** One comparator of a semver range: `>=20.19.0`, `^20.9.0`, `20`, `<24`, `*`. */
function satisfiesComparator(version: Version, comparator: string): boolean {
  const m = /^(>=|<=|>|<|=|\^|~)?v?(\d+(?:\.\d+){0,2}|\*|x)?(?:\.[x*])*$/.exec(comparator);
  if (!m) throw new Error(`unsupported range part: ${comparator}`);
  const [, op = "", bound = "*"] = m;
  if (bound === "*" || bound === "x") return true;
  const parts = bound.split(".").length;
  const b = parseVersion(bound);
  const c = compare(version, b);
  if (op === ">=") return c >= 0;
  if (op === ">") return c > 0;
  if (op === "<=") return c <= 0;
  if (op === "<") return c < 0;
  if (op === "^") return c >= 0 && version[0] === b[0];
  if (op === "~") return c >= 0 && version[0] === b[0] && (parts === 1 || version[1] === b[1]);
  // A bare "20" or "20.1" is every version with that prefix.
  return version.slice(0, parts).every((n, i) => n === b[i]);
}

function satisfies(version: string, range: string): boolean {
  const v = parseVersion(version);
  return range.split("||").some((alternative) =>
    alternative
      .trim()
      .replace(/(>=|<=|>|<|=|\^|~)\s+/g, "$1")
      .split(/\s+/)
      .filter(Boolean)
      .every((comparator) => satisfiesComparator(v, comparator)),
  );
}

describe("engines", () => {
  it("reads the ranges packages declare", () => {
    expect(satisfies("20.19.0", ">=22")).toBe(false);
    expect(satisfies("20.19.0", "^18.18.0 || ^20.9.0 || >=21.1.0")).toBe(true);
    expect(satisfies("20.19.0", "20 || >=22")).toBe(true);
    expect(satisfies("20.19.0", "^20.19.0 || >=22.12.0")).toBe(true);
    expect(satisfies("20.18.1", "^20.19.0 || >=22.12.0")).toBe(false);
    expect(satisfies("20.19.0", ">= 14.0.0 < 21")).toBe(true);
  });

  it("installs only packages that declare support for the oldest Node.js the README promises", () => {
    const pkg = JSON.parse(fs.readFileSync("package.json", "utf8")) as { engines: { node: string } };
    const oldest = /^>=\s*(\d+\.\d+(?:\.\d+)?)$/.exec(pkg.engines.node)?.[1];
    expect(oldest, "package.json engines.node is a plain >= range").toBeDefined();
    const lock = JSON.parse(fs.readFileSync("package-lock.json", "utf8")) as {
      packages: Record<string, { version?: string; engines?: { node?: string } | string[] }>;
    };
    const refusing = Object.entries(lock.packages)
      .filter(([, p]) => p.engines && !Array.isArray(p.engines) && p.engines.node)
      .filter(([, p]) => !satisfies(oldest!, (p.engines as { node: string }).node))
      .map(([where, p]) => `${where}@${p.version} requires node ${(p.engines as { node: string }).node}`);
    expect(refusing).toEqual([]);
  });
});
