import { h, hydrate } from "preact";
import { startBanner } from "./banner.js";
import { startBeacon } from "./beacon.js";
import { islands } from "./islands.js";

// The one client runtime: find server-rendered islands and hydrate each when the browser is idle,
// or when it scrolls into view for data-hydrate="visible". Pages are complete without this.

function start(el: HTMLElement): void {
  const component = islands[el.dataset.island ?? ""];
  if (!component) return;
  let props: object = {};
  try {
    props = JSON.parse(el.dataset.props ?? "{}") as object;
  } catch {
    return;
  }
  hydrate(h(component, props), el);
}

const idle = (fn: () => void) =>
  "requestIdleCallback" in window ? window.requestIdleCallback(fn, { timeout: 1500 }) : setTimeout(fn, 200);

const visible = new IntersectionObserver(
  (entries) => {
    for (const entry of entries) {
      if (!entry.isIntersecting) continue;
      visible.unobserve(entry.target);
      start(entry.target as HTMLElement);
    }
  },
  { rootMargin: "200px" },
);

document.documentElement.classList.add("js");
for (const el of document.querySelectorAll<HTMLElement>("[data-island]")) {
  if (el.dataset.hydrate === "visible") visible.observe(el);
  else idle(() => start(el));
}

startBeacon();
startBanner();
