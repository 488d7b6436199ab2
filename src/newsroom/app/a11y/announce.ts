// One polite live region for the whole newsroom (WCAG 4.1.3 Status Messages). Views call
// `announce` after an action instead of each keeping a hidden status paragraph, so a result is
// read out even when the control that caused it has gone (a removed row, a closed panel).

export const ANNOUNCER_ID = "newsroom-announcer";

let serial = 0;

/**
 * Speaks `message` through the shared live region. The region is emptied first and filled on
 * the next frame: screen readers announce a change, so the same words twice ("Moved up") are
 * still read the second time.
 */
export function announce(message: string): void {
  const region = document.getElementById(ANNOUNCER_ID);
  if (!region) return;
  const mine = ++serial;
  region.textContent = "";
  setTimeout(() => {
    if (mine === serial) region.textContent = message;
  }, 60);
}

/** The words last announced, for tests and for views that show the same result visibly. */
export function lastAnnouncement(): string {
  return document.getElementById(ANNOUNCER_ID)?.textContent ?? "";
}
