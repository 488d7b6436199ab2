import { moveItem } from "../order.js";
import type { EditionDetail, EditionItem } from "./newsletter-types.js";

// An edition being edited in the newsroom: the intro and the items in their new order, with the
// cut ones left out. The PUT sends the items only when their order, membership or lines changed
// (the server takes the list as the new order and treats a missing item as cut).

export interface EditionDraft {
  intro: string;
  items: EditionItem[];
}

export const draftOf = (e: EditionDetail): EditionDraft => ({ intro: e.intro, items: e.items });

export const moveEditionItem = (d: EditionDraft, from: number, to: number): EditionDraft =>
  to < 0 || to >= d.items.length ? d : { ...d, items: moveItem(d.items, from, to) };

export const cutEditionItem = (d: EditionDraft, id: number): EditionDraft => ({
  ...d,
  items: d.items.filter((i) => i.id !== id),
});

export const setItemLine = (d: EditionDraft, id: number, line: string): EditionDraft => ({
  ...d,
  items: d.items.map((i) => (i.id === id ? { ...i, line } : i)),
});

/** The PUT body for what changed, or undefined when nothing did. */
export function editionChanges(
  saved: EditionDetail,
  draft: EditionDraft,
): { baseVersion: number; intro?: string; items?: { id: number; line: string }[] } | undefined {
  const introChanged = draft.intro.trim() !== saved.intro.trim();
  const itemsChanged =
    draft.items.length !== saved.items.length ||
    draft.items.some((item, i) => item.id !== saved.items[i]!.id || item.line.trim() !== saved.items[i]!.line.trim());
  if (!introChanged && !itemsChanged) return undefined;
  return {
    baseVersion: saved.version,
    ...(introChanged ? { intro: draft.intro.trim() } : {}),
    ...(itemsChanged ? { items: draft.items.map((i) => ({ id: i.id, line: i.line.trim() })) } : {}),
  };
}
