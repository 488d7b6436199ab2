import { useEffect, useState } from "preact/hooks";

// The reader's opt-in to breaking-news notifications (docs/adr/035). It sits at the end of an
// article and wakes only when the reader gets there (hydrated when visible): an offer after reading,
// never a permission prompt on arrival. The browser's permission prompt opens only from the button.
// Renders nothing on the server, nor where the browser has no Push API.

export interface PushOptInProps {
  /** Where the site's VAPID public key is served. */
  keyUrl: string;
}

type State = "unsupported" | "off" | "on" | "blocked" | "busy";

const WORKER = "/push-sw.js";

function keyBytes(base64url: string): Uint8Array<ArrayBuffer> {
  const b64 = base64url.replace(/-/g, "+").replace(/_/g, "/");
  const raw = atob(b64 + "=".repeat((4 - (b64.length % 4)) % 4));
  const bytes = new Uint8Array(new ArrayBuffer(raw.length));
  for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
  return bytes;
}

export function PushOptIn({ keyUrl }: PushOptInProps) {
  const [state, setState] = useState<State>("unsupported");
  const [message, setMessage] = useState("");

  useEffect(() => {
    if (!("serviceWorker" in navigator) || !("PushManager" in window) || !("Notification" in window)) return;
    if (Notification.permission === "denied") return setState("blocked");
    void navigator.serviceWorker
      .getRegistration(WORKER)
      .then(async (reg) => setState((await reg?.pushManager.getSubscription()) ? "on" : "off"))
      .catch(() => setState("off"));
  }, []);

  const turnOn = async () => {
    setState("busy");
    setMessage("");
    try {
      const reg = await navigator.serviceWorker.register(WORKER, { scope: "/" });
      const res = await fetch(keyUrl);
      const { publicKey } = (await res.json()) as { publicKey: string };
      const sub = await reg.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: keyBytes(publicKey) });
      const saved = await fetch("/push/subscriptions", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(sub.toJSON()),
      });
      if (!saved.ok) throw new Error("the site did not accept the subscription");
      setState("on");
      setMessage("Done: breaking news will reach this device.");
    } catch (err) {
      if (Notification.permission === "denied") {
        setState("blocked");
        return;
      }
      setState("off");
      setMessage(`Notifications could not be turned on (${err instanceof Error ? err.message : "unknown error"}).`);
    }
  };
  const turnOff = async () => {
    setState("busy");
    const reg = await navigator.serviceWorker.getRegistration(WORKER);
    const sub = await reg?.pushManager.getSubscription();
    if (sub) {
      await fetch("/push/subscriptions", {
        method: "DELETE",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ endpoint: sub.endpoint }),
      }).catch(() => undefined);
      await sub.unsubscribe().catch(() => undefined);
    }
    setState("off");
    setMessage("Notifications are off on this device.");
  };

  if (state === "unsupported") return null;
  return (
    <section class="push-optin" aria-labelledby="push-optin-title">
      <h2 id="push-optin-title" class="rail-title">
        Breaking news on this device
      </h2>
      {state === "blocked" ? (
        <p>Notifications from this site are blocked in your browser's settings; allow them there to get alerts.</p>
      ) : (
        <>
          <p>Get a notification when a big story breaks. Nothing else, and you can turn it off here at any time.</p>
          <button
            type="button"
            disabled={state === "busy"}
            onClick={() => void (state === "on" ? turnOff() : turnOn())}
          >
            {state === "on" ? "Turn off breaking-news notifications" : "Turn on breaking-news notifications"}
          </button>
        </>
      )}
      <p role="status" class="push-optin-status">
        {message}
      </p>
    </section>
  );
}
