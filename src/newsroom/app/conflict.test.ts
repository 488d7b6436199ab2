import { describe, expect, it } from "vitest";
import { compareVersions, keepAllMine, resolvePatch, takeAllTheirs, theirOtherChanges } from "./conflict.js";
import type { ArticleDraft } from "./types.js";

const base = { headline: "A", standfirst: "S", kicker: "K", tagIds: [1], breaking: false } as unknown as ArticleDraft;

describe("conflict decisions", () => {
  // They changed the standfirst and the tags; I changed the headline, the standfirst and the kicker
  // (the kicker to what they have too).
  const theirs = { ...base, standfirst: "Their S", tagIds: [1, 2], kicker: "K2", version: 3 } as ArticleDraft;
  const mine = { headline: "My A", standfirst: "My S", kicker: "K2" };
  const conflicts = compareVersions(base, mine, theirs);

  it("lists each field that differs, clashes first, and skips edits equal to theirs", () => {
    expect(conflicts).toEqual([
      { field: "standfirst", mine: "My S", theirs: "Their S", clash: true },
      { field: "headline", mine: "My A", theirs: "A", clash: false },
    ]);
  });

  it("keeps my value where I choose mine or make no choice; nothing of mine where I choose theirs", () => {
    expect(resolvePatch(conflicts, {})).toEqual({ headline: "My A", standfirst: "My S" });
    expect(resolvePatch(conflicts, { standfirst: "theirs" })).toEqual({ headline: "My A" });
    expect(keepAllMine(conflicts)).toEqual({ headline: "My A", standfirst: "My S" });
    expect(takeAllTheirs(conflicts)).toEqual({});
  });

  it("names the fields only they changed (their values stand), not versions or times", () => {
    const t = { ...theirs, updatedAt: "later", version: 9 } as ArticleDraft;
    expect(theirOtherChanges({ ...base, updatedAt: "earlier", version: 2 } as ArticleDraft, mine, t)).toEqual([
      "tagIds",
    ]);
  });

  it("compares lists and documents by value", () => {
    const doc = { type: "doc", content: [{ type: "paragraph" }] };
    const t = { ...base, tagIds: [1, 2], body: doc } as unknown as ArticleDraft;
    expect(compareVersions(base, { tagIds: [1, 2], body: structuredClone(doc) }, t)).toEqual([]);
  });
});
