import { useEffect, useState } from "preact/hooks";
import { isPlayerDocked, onPlayerDocked } from "../../platform/render/overlay-signals.js";

export interface NewsletterPromptProps {
  returnTo: string;
}

const SHOWN_KEY = "ld:prompt-shown"; // sessionStorage: at most once per visit
const DISMISSED_KEY = "ld:prompt-dismissed"; // localStorage: the reader said no; ask again in 30 days
const READER_KEY = "ld:newsletter-reader"; // localStorage: came from one of our emails; not asked for 30 days
const THIRTY_DAYS = 30 * 24 * 3600 * 1000;

/** Our newsletters mark their links `utm_medium=email` (newsletter-links.ts: fromNewsletter). */
const cameFromNewsletter = () => new URLSearchParams(location.search).get("utm_medium") === "email";

function mayShow(): boolean {
  try {
    // A reader who followed one of our newsletters already has one: never ask them on that visit,
    // and not for 30 days after.
    if (cameFromNewsletter()) {
      localStorage.setItem(READER_KEY, String(Date.now()));
      sessionStorage.setItem(SHOWN_KEY, "1");
      return false;
    }
    if (sessionStorage.getItem(SHOWN_KEY)) return false;
    const recent = (key: string) => {
      const at = Number(localStorage.getItem(key) ?? 0);
      return at > 0 && Date.now() - at < THIRTY_DAYS;
    };
    return !recent(DISMISSED_KEY) && !recent(READER_KEY);
  } catch {
    return false;
  }
}

/**
 * The dismissible newsletter prompt. Renders nothing on the server (the page's Newsletter block is
 * the no-JavaScript path). It appears only after the reader has scrolled well past the first
 * screen, so it never greets a phone reader on arrival, at most once per visit, never on a visit
 * that began at one of our newsletters' links, and never beside a docked video player: while a
 * player is docked it waits, and an open prompt steps aside until the player goes.
 */
export function NewsletterPrompt({ returnTo }: NewsletterPromptProps) {
  const [open, setOpen] = useState(false);
  const [playerDocked, setPlayerDocked] = useState(false);

  useEffect(() => {
    setPlayerDocked(isPlayerDocked());
    return onPlayerDocked(setPlayerDocked);
  }, []);

  useEffect(() => {
    if (!mayShow()) return;
    const onScroll = () => {
      if (window.scrollY < window.innerHeight * 1.5 || isPlayerDocked()) return;
      window.removeEventListener("scroll", onScroll);
      try {
        sessionStorage.setItem(SHOWN_KEY, "1");
      } catch {
        // Without storage the prompt can still show once on this page.
      }
      setOpen(true);
    };
    window.addEventListener("scroll", onScroll, { passive: true });
    // The island hydrates when the browser is idle: a reader may already be deep in the story.
    onScroll();
    return () => window.removeEventListener("scroll", onScroll);
  }, []);

  useEffect(() => {
    if (!open || playerDocked) return;
    const onKey = (e: KeyboardEvent) => e.key === "Escape" && dismiss();
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [open, playerDocked]);

  const dismiss = () => {
    setOpen(false);
    try {
      localStorage.setItem(DISMISSED_KEY, String(Date.now()));
    } catch {
      // Nothing to remember it in: it is closed for this page.
    }
  };

  if (!open || playerDocked) return null;
  return (
    <div class="prompt" role="dialog" aria-modal="false" aria-labelledby="prompt-title">
      <button type="button" class="prompt-close" onClick={dismiss} aria-label="Close newsletter sign-up">
        <span aria-hidden="true">×</span>
      </button>
      <h2 id="prompt-title">Start every day with Morning Headlines</h2>
      <p>The day's biggest stories at 6am, one line each. Free, and one click to leave.</p>
      <form method="post" action="/newsletters/subscribe" class="signup-form">
        <input type="hidden" name="newsletter" value="morning-headlines" />
        <input type="hidden" name="returnTo" value={returnTo} />
        <label for="prompt-email">Email address</label>
        <div class="signup-row">
          <input id="prompt-email" type="email" name="email" required maxLength={254} autoComplete="email" />
          <button type="submit">Sign up</button>
        </div>
      </form>
    </div>
  );
}
