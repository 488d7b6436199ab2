// How a change reaches a reader's open page (the stream island's DOM work, kept apart from it):
// the list of entries is the server's markup, outside the island, and is changed in place so that a
// page that never ran JavaScript and one that did look the same. Runs in the browser only.

export interface EntryChange {
  id: number;
  rev: number;
  html: string | null;
  pinned: boolean;
  keyEvent: boolean;
  title: string;
  postedAt: string;
  keyEventHtml: string | null;
}

export const LIST_ID = "live-entries";
export const KEY_EVENTS_ID = "live-key-events";
export const PINNED_ID = "live-pinned";

const itemOf = (list: HTMLElement, id: number) => list.querySelector(`[data-entry="${id}"]`)?.closest("li") ?? null;

/** A list item holding the entry's markup. */
export function entryItem(html: string): HTMLLIElement {
  const li = document.createElement("li");
  li.className = "live-item";
  li.innerHTML = html;
  return li;
}

/**
 * The key events block follows the entry: added in order (newest first) when it becomes one,
 * replaced when edited, removed when unmarked or deleted; the block hides when none is left. Its
 * link points at the entry on this page, or at the key events filter when the entry is on an older page.
 */
function showKeyEvent(change: EntryChange) {
  const block = document.getElementById(KEY_EVENTS_ID);
  const list = block?.querySelector("ol");
  if (!block || !list) return;
  const existing = list.querySelector<HTMLLIElement>(`[data-key-event="${change.id}"]`);
  if (!change.keyEventHtml) existing?.remove();
  else {
    const li = existing ?? document.createElement("li");
    li.dataset.keyEvent = String(change.id);
    li.dataset.posted = change.postedAt;
    li.innerHTML = change.keyEventHtml;
    const link = li.querySelector("a");
    const anchor = link?.getAttribute("href") ?? "";
    if (link && !document.getElementById(anchor.slice(1))) {
      link.setAttribute("href", `${location.pathname}?filter=key-events${anchor}`);
    }
    if (!existing) {
      const after = [...list.querySelectorAll<HTMLLIElement>("li[data-posted]")].find(
        (other) => (other.dataset.posted ?? "") < change.postedAt,
      );
      list.insertBefore(li, after ?? null);
    }
  }
  block.hidden = list.children.length === 0;
}

/** The pinned copy on top: the entry without its anchor (an id appears once per page). */
function showPinned(change: EntryChange) {
  const box = document.getElementById(PINNED_ID);
  if (!box) return;
  const holds = box.querySelector(`[data-entry="${change.id}"]`);
  if (change.pinned && change.html) {
    const copy = entryItem(change.html).firstElementChild;
    copy?.removeAttribute("id");
    if (copy) box.replaceChildren(copy);
  } else if (holds) box.replaceChildren();
}

/**
 * Applies a change: a deleted entry goes, an edited one is replaced where it is, a new one is
 * returned (not inserted) for the caller to place: at the top now, or behind the button.
 */
export function applyChange(change: EntryChange): HTMLLIElement | null {
  const list = document.getElementById(LIST_ID);
  if (!list) return null;
  showPinned(change);
  showKeyEvent(change);
  const existing = itemOf(list, change.id);
  if (!change.html) {
    existing?.remove();
    return null;
  }
  if (existing) {
    existing.innerHTML = change.html;
    return null;
  }
  return entryItem(change.html);
}

/** True while the top of the list is on screen or below it: new entries may appear in place. */
export function readerAtTop(): boolean {
  const list = document.getElementById(LIST_ID);
  return !list || list.getBoundingClientRect().top >= -8;
}

/** Puts new entries at the top of the list, newest first (they arrive oldest first). */
export function insertAtTop(items: HTMLLIElement[]) {
  const list = document.getElementById(LIST_ID);
  if (!list) return;
  for (const li of items) list.prepend(li);
}

/** The live blog has ended: the badges go. */
export function markClosed() {
  for (const badge of document.querySelectorAll(".live-badge")) badge.remove();
}
