import { expect, it } from "vitest";
import { describeEachDatabase } from "../../test/support/databases.js";
import { authenticateKey } from "../integrations/integrations.js";
import { integrationCommand } from "./integration.cli.js";

// `london-daily integration create|list|revoke` on both engines: the key printed once works, the
// list shows only its prefix, revoke stops it, and bad scopes are refused with the reason.

describeEachDatabase("integration CLI", (get) => {
  it("creates, lists and revokes an integration", async () => {
    const db = get().handle.db;
    const now = () => new Date("2026-07-01T10:00:00Z");
    const lines: string[] = [];
    const out = (l: string) => lines.push(l);
    expect(
      await integrationCommand(
        db,
        "create",
        [],
        { name: "Syndication", scopes: "content:read, media:write" },
        now,
        out,
      ),
    ).toBe(0);
    const key = /Key \(shown once; keep it secret\): (\S+)/.exec(lines.join("\n"))?.[1];
    expect(key).toBeDefined();
    expect([...(await authenticateKey(db, key!))!.grants!].sort()).toEqual(
      ["article.read.any", "content.read", "media.delete", "media.edit.any", "media.edit.own", "media.upload"].sort(),
    );
    lines.length = 0;
    expect(await integrationCommand(db, "list", [], {}, now, out)).toBe(0);
    expect(lines.join("\n")).toContain("Syndication");
    expect(lines.join("\n")).not.toContain(key!);
    expect(await integrationCommand(db, "revoke", ["Syndication"], {}, now, out)).toBe(0);
    expect(await authenticateKey(db, key!)).toBeUndefined();
    lines.length = 0;
    expect(await integrationCommand(db, "create", [], { name: "Bad", scopes: "everything" }, now, out)).toBe(1);
    expect(lines.join("\n")).toMatch(/--scopes/);
  });
});
