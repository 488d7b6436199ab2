import { useEffect, useState } from "preact/hooks";

// Client-side routes under /newsroom: the History API, and plain <a href> links intercepted so
// every link still works as a link (open in a new tab, copy address).

export const BASE = "/newsroom";

export function currentPath(): string {
  const path = location.pathname.startsWith(BASE) ? location.pathname.slice(BASE.length) : location.pathname;
  return path || "/";
}

const listeners = new Set<() => void>();

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  const url = to.startsWith(BASE) ? to : BASE + (to === "/" ? "" : to);
  if (options.replace) history.replaceState(null, "", url);
  else history.pushState(null, "", url);
  for (const fn of listeners) fn();
}

export function useRoute(): { path: string; query: URLSearchParams } {
  const [, setTick] = useState(0);
  useEffect(() => {
    const update = () => setTick((t) => t + 1);
    listeners.add(update);
    addEventListener("popstate", update);
    return () => {
      listeners.delete(update);
      removeEventListener("popstate", update);
    };
  }, []);
  return { path: currentPath(), query: new URLSearchParams(location.search) };
}

/** Follows same-app links without a reload; modified clicks and other targets behave as usual. */
export function interceptLinks(root: HTMLElement): void {
  root.addEventListener("click", (event) => {
    if (
      event.defaultPrevented ||
      event.button !== 0 ||
      event.metaKey ||
      event.ctrlKey ||
      event.shiftKey ||
      event.altKey
    )
      return;
    const a = (event.target as Element).closest("a");
    if (!a || a.target || a.hasAttribute("download")) return;
    const url = new URL(a.href, location.href);
    if (url.origin !== location.origin || !url.pathname.startsWith(BASE)) return;
    event.preventDefault();
    navigate(url.pathname + url.search);
  });
}

/** `/articles/:id` style matching; undefined when the path does not match. */
export function match(pattern: string, path: string): Record<string, string> | undefined {
  const p = pattern.split("/").filter(Boolean);
  const s = path.split("/").filter(Boolean);
  if (p.length !== s.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < p.length; i++) {
    const seg = p[i]!;
    if (seg.startsWith(":")) params[seg.slice(1)] = decodeURIComponent(s[i]!);
    else if (seg !== s[i]) return undefined;
  }
  return params;
}

export const href = (path: string) => BASE + (path === "/" ? "" : path);
