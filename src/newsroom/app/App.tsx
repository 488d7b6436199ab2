import { useEffect, useLayoutEffect, useRef, useState } from "preact/hooks";
import { ANNOUNCER_ID } from "./a11y/announce.js";
import { ApiError, SIGNED_OUT_EVENT, api, setCsrfToken } from "./api.js";
import { SessionContext, useCan, useSession } from "./hooks.js";
import { currentPath, href, match, navigate, useRoute } from "./router.js";
import type { User } from "./types.js";
import { Account } from "./views/Account.js";
import { ArticleEdit } from "./views/ArticleEdit.js";
import { ArticleList } from "./views/ArticleList.js";
import { AuditLog } from "./views/AuditLog.js";
import { WireProviders } from "./wire/WireProviders.js";
import { IntegrationsView } from "./views/Integrations.js";
import { WebhooksView } from "./views/Webhooks.js";
import { WireQueue } from "./wire/WireQueue.js";
import { AuthViews } from "./views/AuthViews.js";
import { AuthorsView } from "./views/Authors.js";
import { TrashView } from "./views/Trash.js";
import { BannerDesk } from "./views/BannerDesk.js";
import { SectionsView, TagsView } from "./views/Manage.js";
import { FrontPageView } from "./views/FrontPage.js";
import { MediaLibrary } from "./views/MediaLibrary.js";
import { UsersView } from "./views/Users.js";
import { lazyView } from "./lazy-view.js";

const LiveDesk = lazyView(() => import("./views/LiveDesk.js").then((m) => m.LiveDesk));
const VideoLibrary = lazyView(() => import("./views/VideoLibrary.js").then((m) => m.VideoLibrary));
const VideoEdit = lazyView(() => import("./views/VideoEdit.js").then((m) => m.VideoEdit));
const NewslettersView = lazyView(() => import("./views/Newsletters.js").then((m) => m.NewslettersView));
const EditionsView = lazyView(() => import("./views/Newsletters.js").then((m) => m.EditionsView));
const EditionView = lazyView(() => import("./views/EditionView.js").then((m) => m.EditionView));
const AudienceNow = lazyView(() => import("./views/AudienceNow.js").then((m) => m.AudienceNow));
const AudienceOverview = lazyView(() => import("./views/AudienceOverview.js").then((m) => m.AudienceOverview));
const AudienceStory = lazyView(() => import("./views/AudienceStory.js").then((m) => m.AudienceStory));
const SubscribersView = lazyView(() => import("./views/Subscribers.js").then((m) => m.SubscribersView));

const AUTH_PATHS = new Set(["/setup", "/forgot-password", "/reset-password", "/invitation"]);

interface Signed {
  user: User;
  csrfToken: string;
}

export function App({ siteName }: { siteName: string }) {
  const [session, setSession] = useState<Signed | null | undefined>(undefined);
  const [setupNeeded, setSetupNeeded] = useState(false);
  const [error, setError] = useState<string>();

  useEffect(() => {
    api.get<Signed>("/session").then(
      (s) => {
        setCsrfToken(s.csrfToken);
        setSession(s);
      },
      async (err: unknown) => {
        if (!(err instanceof ApiError) || err.status !== 401) setError("The newsroom could not be reached.");
        const setup = await api.get<{ needed: boolean }>("/setup").catch(() => ({ needed: false }));
        setSetupNeeded(setup.needed);
        setSession(null);
      },
    );
  }, []);

  useEffect(() => {
    const ended = () => {
      setCsrfToken("");
      setSession(null);
      setError("Your session has ended: sign in again. Unsaved edits are kept on this device.");
    };
    addEventListener(SIGNED_OUT_EVENT, ended);
    return () => removeEventListener(SIGNED_OUT_EVENT, ended);
  }, []);

  const signedIn = (s: Signed) => {
    setCsrfToken(s.csrfToken);
    setSession(s);
    setSetupNeeded(false);
    setError(undefined);
    // Back to where the person was, unless that was a sign-in page.
    const path = currentPath();
    if (AUTH_PATHS.has(path)) navigate("/", { replace: true });
  };

  if (session === undefined)
    return (
      <main id="main" tabIndex={-1} class="auth">
        <p aria-live="polite">Loading the newsroom…</p>
      </main>
    );
  if (!session) return <AuthViews setupNeeded={setupNeeded} onSignedIn={signedIn} siteName={siteName} notice={error} />;
  const signOut = async () => {
    await api.post("/logout").catch(() => undefined);
    setCsrfToken("");
    setSession(null);
    navigate("/", { replace: true });
  };
  return (
    <SessionContext.Provider value={{ user: session.user, signOut, siteName }}>
      <Shell />
    </SessionContext.Provider>
  );
}

function Shell() {
  const { user, signOut, siteName } = useSession();
  const can = useCan();
  const { path } = useRoute();
  const [menuOpen, setMenuOpen] = useState(false);
  const menuButton = useRef<HTMLButtonElement>(null);
  const waiting = useReviewCount(can("article.review"), path);
  useEffect(() => setMenuOpen(false), [path]);
  // A layout effect, so the listener is there in the same commit that shows the menu: a quick
  // Escape right after opening it is never missed.
  useLayoutEffect(() => {
    if (!menuOpen) return;
    // Escape closes the folded menu from anywhere and gives focus back to its button.
    const close = (e: KeyboardEvent) => {
      if (e.key !== "Escape") return;
      setMenuOpen(false);
      menuButton.current?.focus();
    };
    addEventListener("keydown", close);
    return () => removeEventListener("keydown", close);
  }, [menuOpen]);
  const links: [string, string, boolean][] = [
    ["/", "Articles", true],
    ["/review", "Review queue", can("article.review")],
    ["/audience", "Audience", can("analytics.view")],
    ["/media", "Media", true],
    ["/videos", "Video", can("video.upload")],
    ["/wire", "Wire", can("wire.read")],
    ["/newsletters", "Newsletters", can("newsletter.manage")],
    ["/front-page", "Front page", can("frontpage.manage")],
    ["/banner", "Banner", can("banner.manage")],
    ["/sections", "Sections", can("section.manage")],
    ["/tags", "Tags", can("tag.manage")],
    ["/authors", "Authors", can("author.manage")],
    ["/users", "Users", can("user.manage")],
    ["/integrations", "Integrations", can("integration.manage")],
    ["/webhooks", "Webhooks", can("webhook.manage")],
    ["/audit", "Audit log", can("audit.view")],
    ["/trash", "Trash", true],
  ];
  const current = (to: string) =>
    to === "/"
      ? path === "/" || path.startsWith("/articles")
      : path.startsWith(to) || (to === "/newsletters" && /^\/(editions|subscribers)\b/.test(path));
  return (
    <div class="shell">
      <header class="topbar">
        <a class="brand" href={href("/")}>
          {siteName} <span>Newsroom</span>
        </a>
        <button
          ref={menuButton}
          type="button"
          class="menu-button"
          aria-expanded={menuOpen}
          aria-controls="newsroom-nav"
          onClick={() => setMenuOpen(!menuOpen)}
        >
          Menu
        </button>
        <nav id="newsroom-nav" aria-label="Newsroom" class={menuOpen ? "open" : ""}>
          <ul>
            {links
              .filter(([, , shown]) => shown)
              .map(([to, label]) => (
                <li key={to}>
                  <a href={href(to)} aria-current={current(to) ? "page" : undefined}>
                    {label}
                    {to === "/review" && waiting ? (
                      <span class="nav-count">
                        {" "}
                        {waiting}
                        <span class="sr-only"> waiting</span>
                      </span>
                    ) : null}
                  </a>
                </li>
              ))}
          </ul>
        </nav>
        <div class="whoami">
          <a href={href("/account")} aria-current={path === "/account" ? "page" : undefined}>
            {user.name} <span class="role">({user.role})</span>
          </a>
          <button type="button" class="link-button" onClick={() => void signOut()}>
            Sign out
          </button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        <Route path={path} />
      </main>
      <div id={ANNOUNCER_ID} class="sr-only" role="status" aria-live="polite" aria-atomic="true" />
    </div>
  );
}

/**
 * Stories waiting for review, for those who review: read when the view changes and every minute,
 * so the desk sees a submission without opening the queue (issue 18).
 */
function useReviewCount(reviewer: boolean, path: string): number {
  const [count, setCount] = useState(0);
  useEffect(() => {
    if (!reviewer) return;
    let live = true;
    const read = () =>
      api.get<{ reviewWaiting: number | null }>("/notifications/summary").then(
        (r) => live && setCount(r.reviewWaiting ?? 0),
        () => undefined,
      );
    void read();
    const timer = setInterval(read, 60_000);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [reviewer, path]);
  return count;
}

function Route({ path }: { path: string }) {
  const can = useCan();
  const newsletters = can("newsletter.manage");
  let params: Record<string, string> | undefined;
  // Keyed by mode: switching Articles ↔ Review queue opens a new view, whose heading takes focus.
  if (path === "/" || path === "/articles") return <ArticleList key="all" mode="all" />;
  if (path === "/review" && can("article.review")) return <ArticleList key="review" mode="review" />;
  if ((params = match("/articles/:id", path))) return <ArticleEdit key={params.id} id={Number(params.id)} />;
  if ((params = match("/articles/:id/live", path))) return <LiveDesk key={params.id} id={Number(params.id)} />;
  if (path === "/media") return <MediaLibrary />;
  if (path === "/videos" && can("video.upload")) return <VideoLibrary />;
  if ((params = match("/videos/:id", path)) && can("video.upload"))
    return <VideoEdit key={params.id} id={Number(params.id)} />;
  if (path === "/newsletters" && newsletters) return <NewslettersView />;
  if ((params = match("/newsletters/:slug", path)) && newsletters) return <EditionsView slug={params.slug!} />;
  if ((params = match("/editions/:id", path)) && newsletters)
    return <EditionView key={params.id} id={Number(params.id)} />;
  if (path === "/subscribers" && newsletters) return <SubscribersView />;
  if (path === "/audience" && can("analytics.view")) return <AudienceNow />;
  if (path === "/audience/overview" && can("analytics.view")) {
    const period = new URLSearchParams(location.search).get("period");
    return <AudienceOverview period={period === "7d" || period === "30d" ? period : "today"} />;
  }
  if ((params = match("/audience/articles/:id", path)) && can("analytics.view.own"))
    return <AudienceStory key={params.id} id={Number(params.id)} />;
  if (path === "/account") return <Account />;
  if (path === "/front-page" && can("frontpage.manage")) return <FrontPageView />;
  if (path === "/banner" && can("banner.manage")) return <BannerDesk />;
  if (path === "/sections" && can("section.manage")) return <SectionsView />;
  if (path === "/tags" && can("tag.manage")) return <TagsView />;
  if (path === "/authors" && can("author.manage")) return <AuthorsView />;
  if (path === "/users" && can("user.manage")) return <UsersView />;
  if (path === "/audit" && can("audit.view")) return <AuditLog />;
  if (path === "/integrations" && can("integration.manage")) return <IntegrationsView />;
  if (path === "/webhooks" && can("webhook.manage")) return <WebhooksView />;
  if (path === "/trash") return <TrashView />;
  if (path === "/wire" && can("wire.read")) return <WireQueue />;
  if (path === "/wire/providers" && can("wire.manage")) return <WireProviders />;
  if ((params = match("/wire/:id", path)) && can("wire.read")) return <WireQueue itemId={Number(params.id)} />;
  return (
    <>
      <h1 tabIndex={-1}>Not found</h1>
      <p>
        There is nothing at this address in the newsroom, or your role cannot open it.{" "}
        <a href={href("/")}>Go to the articles</a>.
      </p>
    </>
  );
}
