// The WAI-ARIA toolbar pattern (APG "Toolbar"): the toolbar is one Tab stop; Left/Right move
// between its controls and wrap, Home/End go to the first and last. Disabled controls stay
// reachable, as the pattern recommends, so a person learns what exists.

export type ToolbarKey = "ArrowLeft" | "ArrowRight" | "Home" | "End";

export function isToolbarKey(key: string): key is ToolbarKey {
  return key === "ArrowLeft" || key === "ArrowRight" || key === "Home" || key === "End";
}

/** The index a key moves to from `current` in a toolbar of `count` controls. */
export function nextToolIndex(current: number, key: ToolbarKey, count: number): number {
  if (count <= 0) return 0;
  switch (key) {
    case "Home":
      return 0;
    case "End":
      return count - 1;
    case "ArrowLeft":
      return (current - 1 + count) % count;
    case "ArrowRight":
      return (current + 1) % count;
  }
}
