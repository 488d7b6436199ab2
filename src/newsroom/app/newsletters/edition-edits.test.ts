import { describe, expect, it } from "vitest";
import { cutEditionItem, draftOf, editionChanges, moveEditionItem, setItemLine } from "./edition-edits.js";
import type { EditionDetail } from "./newsletter-types.js";

const edition = (): EditionDetail => ({
  id: 3,
  newsletter: "morning-headlines",
  editionDate: "2026-11-29",
  title: "London Daily Morning Headlines - Sunday, November 29 2026",
  sendsAt: "2026-11-29T06:00:00.000Z",
  upcoming: false,
  articleId: null,
  status: "pending",
  published: false,
  version: 4,
  createdAt: "2026-11-29T05:30:00Z",
  updatedAt: "2026-11-29T05:30:00Z",
  sentAt: null,
  deliveries: { delivered: 0, waiting: 0, failed: 0 },
  reports: { hardBounces: 0, softBounces: 0, complaints: 0 },
  nextRetryAt: null,
  intro: "Good morning.",
  items: [1, 2, 3].map((id) => ({ id, position: id - 1, title: `Story ${id}`, line: `Line ${id}`, url: null })),
});

const ids = (d: { items: { id: number }[] }) => d.items.map((i) => i.id);

describe("edition edits", () => {
  it("moves an item and leaves the original alone; a move off either end changes nothing", () => {
    const saved = edition();
    const draft = draftOf(saved);
    expect(ids(moveEditionItem(draft, 2, 0))).toEqual([3, 1, 2]);
    expect(ids(moveEditionItem(draft, 0, 1))).toEqual([2, 1, 3]);
    expect(moveEditionItem(draft, 0, -1)).toBe(draft);
    expect(moveEditionItem(draft, 2, 3)).toBe(draft);
    expect(ids(saved)).toEqual([1, 2, 3]);
  });

  it("sends nothing when nothing changed, only the intro when only it changed", () => {
    const saved = edition();
    expect(editionChanges(saved, draftOf(saved))).toBeUndefined();
    expect(editionChanges(saved, { ...draftOf(saved), intro: "Good morning. " })).toBeUndefined();
    expect(editionChanges(saved, { ...draftOf(saved), intro: " Rain later. " })).toEqual({
      baseVersion: 4,
      intro: "Rain later.",
    });
  });

  it("sends the whole list in its new order with cut items left out, and edited lines", () => {
    const saved = edition();
    let draft = moveEditionItem(draftOf(saved), 2, 0);
    draft = cutEditionItem(draft, 2);
    draft = setItemLine(draft, 3, "  Rewritten  ");
    expect(editionChanges(saved, draft)).toEqual({
      baseVersion: 4,
      items: [
        { id: 3, line: "Rewritten" },
        { id: 1, line: "Line 1" },
      ],
    });
  });

  it("notices a cut at the end and an order put back as it was", () => {
    const saved = edition();
    expect(editionChanges(saved, cutEditionItem(draftOf(saved), 3))?.items?.map((i) => i.id)).toEqual([1, 2]);
    const back = moveEditionItem(moveEditionItem(draftOf(saved), 0, 2), 2, 0);
    expect(editionChanges(saved, back)).toBeUndefined();
  });
});
