import type { ComponentChildren } from "preact";
import { formatLongDate, zonedIsoDate } from "../../platform/time.js";
import { jsonForScript } from "../../platform/render/render-page.js";
import { type SiteContext, absoluteUrl, navSections } from "../site-context.js";

export interface PageMeta {
  title: string;
  description: string;
  /** Root-relative canonical path. */
  path: string;
  ogType?: "website" | "article";
  image?: { src: string; width: number; height: number; alt: string } | null;
  jsonLd?: object[];
  noindex?: boolean;
  /** Extra <meta property> pairs, e.g. article:published_time. */
  extraMeta?: [string, string][];
  /** A feed of this page besides the site's own: its title and base, e.g. "/feeds/section/uk". */
  feed?: { title: string; base: string };
}

// The feeds' addresses (discovery/feed.ts serves them): RSS, Atom and JSON Feed under one base.
const feedPaths = (base: string) => ({ rss: `${base}/rss.xml`, atom: `${base}/atom.xml`, json: `${base}/feed.json` });

function FeedLinks({ title, base }: { title: string; base: string }) {
  const paths = feedPaths(base);
  return (
    <>
      <link rel="alternate" type="application/rss+xml" title={`${title} (RSS)`} href={paths.rss} />
      <link rel="alternate" type="application/atom+xml" title={`${title} (Atom)`} href={paths.atom} />
      <link rel="alternate" type="application/feed+json" title={`${title} (JSON Feed)`} href={paths.json} />
    </>
  );
}

interface Props {
  site: SiteContext;
  meta: PageMeta;
  children: ComponentChildren;
  /** Shown after <main>, outside it: the floating player and the newsletter prompt. */
  after?: ComponentChildren;
}

export function Layout({ site, meta, children, after }: Props) {
  const canonical = absoluteUrl(site, meta.path);
  const fullTitle = meta.path === "/" ? `${site.name} - ${site.tagline}` : `${meta.title} | ${site.name}`;
  const image = meta.image ? { ...meta.image, src: absoluteUrl(site, meta.image.src) } : null;
  return (
    <html lang="en-GB">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{fullTitle}</title>
        <meta name="description" content={meta.description} />
        <link rel="canonical" href={canonical} />
        {/* Large previews in search results and Google Discover, which asks for this. */}
        <meta name="robots" content={meta.noindex ? "noindex" : "max-image-preview:large"} />
        <meta name="color-scheme" content="light dark" />
        <meta name="theme-color" content="#fbf9f4" media="(prefers-color-scheme: light)" />
        <meta name="theme-color" content="#16171a" media="(prefers-color-scheme: dark)" />
        {site.assets.fonts.map((href) => (
          <link rel="preload" href={href} as="font" type="font/woff2" crossOrigin="anonymous" />
        ))}
        <link rel="stylesheet" href={site.assets.css} />
        <link rel="icon" href={site.assets.logo} type="image/svg+xml" />
        <FeedLinks title={site.name} base="/feeds" />
        {meta.feed && <FeedLinks title={meta.feed.title} base={meta.feed.base} />}
        <meta property="og:site_name" content={site.name} />
        <meta property="og:type" content={meta.ogType ?? "website"} />
        <meta property="og:title" content={meta.title} />
        <meta property="og:description" content={meta.description} />
        <meta property="og:url" content={canonical} />
        <meta property="og:locale" content="en_GB" />
        {image && <meta property="og:image" content={image.src} />}
        {image && <meta property="og:image:width" content={String(image.width)} />}
        {image && <meta property="og:image:height" content={String(image.height)} />}
        {image && <meta property="og:image:alt" content={image.alt} />}
        {(meta.extraMeta ?? []).map(([property, content]) => (
          <meta property={property} content={content} />
        ))}
        <meta name="twitter:card" content={image ? "summary_large_image" : "summary"} />
        <meta name="twitter:title" content={meta.title} />
        <meta name="twitter:description" content={meta.description} />
        {image && <meta name="twitter:image" content={image.src} />}
        {image && <meta name="twitter:image:alt" content={image.alt} />}
        {(meta.jsonLd ?? []).map((data) => (
          <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: jsonForScript(data) }} />
        ))}
        {site.assets.js && <script type="module" src={site.assets.js} />}
        {site.assets.js && site.assets.jsImports?.map((href) => <link key={href} rel="modulepreload" href={href} />)}
      </head>
      <body>
        <a class="skip-link" href="#main">
          Skip to content
        </a>
        {/* The breaking-news banner goes in here when a page is sent (pages/page-slot.ts SLOT_HTML). */}
        <div id="site-banner" class="site-banner-slot" aria-live="polite" />
        <Masthead site={site} />
        <main id="main" tabIndex={-1}>
          {children}
        </main>
        {after}
        <Footer site={site} path={meta.path} />
      </body>
    </html>
  );
}

function Masthead({ site }: { site: SiteContext }) {
  return (
    <header class="masthead">
      <div class="masthead-top wrap">
        <p class="masthead-date">
          <time dateTime={zonedIsoDate(site.now, site.timeZone)}>{formatLongDate(site.now, site.timeZone)}</time>
        </p>
        <form class="search-form" role="search" aria-label="Site" action="/search" method="get">
          <label for="masthead-search" class="visually-hidden">
            Search {site.name}
          </label>
          <input id="masthead-search" type="search" name="q" placeholder="Search" maxLength={200} autoComplete="off" />
          <button type="submit">Search</button>
        </form>
      </div>
      <div class="wrap brand">
        <a href="/" class="brand-name" rel="home">
          {site.name}
        </a>
        <p class="tagline">{site.tagline}</p>
      </div>
      <nav class="sections-nav" aria-label="Sections">
        <ul class="wrap">
          <li>
            <a href="/" aria-current={site.currentSection === "" ? "page" : undefined}>
              Home
            </a>
          </li>
          {navSections(site).map((s) => (
            <li>
              <a href={s.url} aria-current={site.currentSection === s.slug ? "page" : undefined}>
                {s.name}
              </a>
            </li>
          ))}
          <li>
            <a href="/video" aria-current={site.currentSection === "video" ? "page" : undefined}>
              Video
            </a>
          </li>
          <li>
            <a href="/morning-headlines">Morning Headlines</a>
          </li>
        </ul>
      </nav>
    </header>
  );
}

function Footer({ site, path }: { site: SiteContext; path: string }) {
  return (
    <footer class="site-footer">
      <div class="wrap">
        <p class="footer-brand">{site.name}</p>
        <p>{site.tagline}</p>
        <nav aria-label="Footer">
          <ul>
            {navSections(site).map((s) => (
              <li>
                <a href={s.url}>{s.name}</a>
              </li>
            ))}
            <li>
              <a href="/video">Video</a>
            </li>
            <li>
              <a href="/morning-headlines">Morning Headlines archive</a>
            </li>
            <li>
              {/* After signing up, "Back to where you were" leads back to this page. */}
              <a
                href={
                  path.startsWith("/newsletters") ? "/newsletters" : `/newsletters?from=${encodeURIComponent(path)}`
                }
              >
                Newsletters
              </a>
            </li>
          </ul>
        </nav>
        <p class="fine-print">
          London Daily is an open-source newsroom platform. Every story on this demo site is fictional.
        </p>
      </div>
    </footer>
  );
}
