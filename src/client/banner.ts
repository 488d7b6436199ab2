// The breaking-news banner on an open page (docs/adr/035): the server put the banner that was up
// into the page's slot; this keeps the slot current. It listens to the site-wide stream while the
// tab is visible (a hidden tab holds no connection, so many open tabs do not exhaust the browser's
// six connections per site over HTTP/1.1) and catches up when it shows again; without a stream it
// polls a small cached JSON. A banner that expires is removed at its time. It never takes focus:
// the slot is a polite live region, so a screen reader announces the banner when it arrives.

interface BannerPayload {
  rev: number;
  banner: { id: number; expiresAt: string | null } | null;
  html: string | null;
}

const POLL_MS = 30_000;
const STREAM_GRACE_MS = 10_000;

export function startBanner(): void {
  const slot = document.getElementById("site-banner");
  if (!slot) return;
  let rev = Number(slot.dataset.rev ?? 0) || 0;
  let source: EventSource | undefined;
  let poll: ReturnType<typeof setTimeout> | undefined;
  let expiry: ReturnType<typeof setTimeout> | undefined;
  let polling = typeof EventSource === "undefined";

  const scheduleExpiry = () => {
    clearTimeout(expiry);
    const at = slot.querySelector<HTMLElement>("[data-expires]")?.dataset.expires;
    if (!at) return;
    // setTimeout's limit is about 24.8 days; a longer banner is checked again then.
    const ms = Math.min(Date.parse(at) - Date.now(), 2 ** 31 - 1);
    expiry = setTimeout(() => (Date.parse(at) <= Date.now() ? slot.replaceChildren() : scheduleExpiry()), ms);
  };
  const take = (payload: BannerPayload) => {
    if (payload.rev < rev) return;
    const shown = slot.querySelector<HTMLElement>("[data-banner]")?.dataset.banner;
    rev = payload.rev;
    slot.dataset.rev = String(rev);
    if (!payload.html) slot.replaceChildren();
    else if (shown !== String(payload.banner?.id)) slot.innerHTML = payload.html;
    scheduleExpiry();
  };
  const pollOnce = async () => {
    try {
      const res = await fetch("/banner.json", { cache: "no-cache", headers: { accept: "application/json" } });
      if (res.ok) take((await res.json()) as BannerPayload);
    } catch {
      // Offline for a moment: the next poll tries again.
    }
    if (document.visibilityState === "visible") poll = setTimeout(() => void pollOnce(), POLL_MS);
  };
  const stop = () => {
    source?.close();
    source = undefined;
    clearTimeout(poll);
  };
  const listen = () => {
    stop();
    slot.dataset.listening = polling ? "polling" : "stream";
    if (polling) return void pollOnce();
    const es = (source = new EventSource(`/banner/events?since=${rev}`));
    let opened = false;
    poll = setTimeout(() => {
      if (opened) return;
      polling = true;
      listen();
    }, STREAM_GRACE_MS);
    es.onopen = () => {
      opened = true;
      clearTimeout(poll);
    };
    es.addEventListener("banner", (e) => take(JSON.parse((e as MessageEvent<string>).data) as BannerPayload));
    es.onerror = () => {
      if (es.readyState !== EventSource.CLOSED) return;
      polling = true;
      listen();
    };
  };

  scheduleExpiry();
  document.addEventListener("visibilitychange", () => (document.visibilityState === "visible" ? listen() : stop()));
  if (document.visibilityState === "visible") listen();
}
