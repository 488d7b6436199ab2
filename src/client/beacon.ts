// The audience beacon (docs/adr/029): one view when the page opens, then engaged seconds (the tab
// visible and the reader active in the last 5 s) reported every 15 s and whenever the page is
// hidden or left. No cookies and no storage: the page's id lives in this page only. The referrer
// leaves as its host alone; of the address, only the campaign parameters.

const ENDPOINT = "/api/audience/beacon";
const HEARTBEAT_SECONDS = 15;
const IDLE_MS = 5000;

export function startBeacon(): void {
  if (!navigator.sendBeacon || /^\/(preview|newsletters)\//.test(location.pathname)) return;
  const a = Number(document.querySelector<HTMLElement>("[data-article-id]")?.dataset.articleId) || 0;
  let r = "";
  try {
    r = document.referrer ? new URL(document.referrer).hostname : "";
  } catch {
    // an unreadable referrer counts as none
  }
  const query = new URLSearchParams(location.search);
  const u = ["source", "medium", "campaign"].map((k) => (query.get(`utm_${k}`) ?? "").slice(0, 100));
  const i = Array.from(crypto.getRandomValues(new Uint8Array(12)), (b) => b.toString(16).padStart(2, "0")).join("");
  const send = (k: "v" | "e", s?: number) =>
    navigator.sendBeacon(ENDPOINT, JSON.stringify({ k, i, a, r, u: u.some(Boolean) ? u : [], ...(s ? { s } : {}) }));
  let engaged = 0;
  let last = Date.now();
  const visible = () => document.visibilityState === "visible";
  const report = () => {
    for (; engaged > 0; engaged -= 60) send("e", Math.min(engaged, 60));
    engaged = 0;
  };
  for (const type of ["scroll", "keydown", "pointerdown", "pointermove", "touchstart"])
    addEventListener(type, () => (last = Date.now()), { capture: true, passive: true });
  setInterval(() => {
    if (visible() && Date.now() - last < IDLE_MS) engaged += 1;
    if (engaged >= HEARTBEAT_SECONDS) report();
  }, 1000);
  document.addEventListener("visibilitychange", () => (visible() ? (last = Date.now()) : report()));
  addEventListener("pagehide", report);
  send("v");
}
