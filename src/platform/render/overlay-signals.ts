// What the floating things on a page tell each other in the browser (islands of different domains
// share no state): a docked video player and the newsletter prompt never show at once, and one
// video playing pauses the others. Signals are DOM events on the document, so islands hydrated
// at different times still hear each other; the docked state also sits on <html> for one read.

const DOCKED_ATTR = "data-player-docked";
const DOCKED_EVENT = "ld:player-docked";
const PLAYING_EVENT = "ld:player-playing";

/** A player says it docked (or undocked) in the corner. */
export function announceDocked(docked: boolean): void {
  document.documentElement.toggleAttribute(DOCKED_ATTR, docked);
  document.dispatchEvent(new CustomEvent(DOCKED_EVENT, { detail: docked }));
}

export const isPlayerDocked = (): boolean => document.documentElement.hasAttribute(DOCKED_ATTR);

/** Calls `fn` whenever a player docks or undocks; returns the function that stops listening. */
export function onPlayerDocked(fn: (docked: boolean) => void): () => void {
  const listener = (e: Event) => fn((e as CustomEvent<boolean>).detail);
  document.addEventListener(DOCKED_EVENT, listener);
  return () => document.removeEventListener(DOCKED_EVENT, listener);
}

/** A player started playing: the others pause (two soundtracks at once help nobody). */
export function announcePlaying(video: HTMLVideoElement): void {
  document.dispatchEvent(new CustomEvent(PLAYING_EVENT, { detail: video }));
}

export function onOtherPlaying(own: () => HTMLVideoElement | null, fn: () => void): () => void {
  const listener = (e: Event) => {
    if ((e as CustomEvent<HTMLVideoElement>).detail !== own()) fn();
  };
  document.addEventListener(PLAYING_EVENT, listener);
  return () => document.removeEventListener(PLAYING_EVENT, listener);
}
