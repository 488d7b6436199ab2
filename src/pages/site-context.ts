/** A section as the frame shows it (the sections domain's Section has this shape). */
export interface NavSection {
  id: number;
  slug: string;
  name: string;
  description: string;
  url: string;
  /** It has a published story; the navigation leaves out sections without one. */
  hasStories?: boolean;
}

/** The sections the navigation lists: those with a published story. */
export const navSections = (site: Pick<SiteContext, "sections">) => site.sections.filter((s) => s.hasStories !== false);

/** What every page's frame needs: the site's settings and the frame rail (loaded once per interval). */
export interface SiteContext {
  name: string;
  tagline: string;
  siteUrl: string;
  timeZone: string;
  now: Date;
  sections: NavSection[];
  assets: SiteAssets;
  /** The current section, highlighted in the navigation. */
  currentSection?: string;
}

export interface SiteAssets {
  css: string;
  /** The islands' client runtime; absent when the client bundle was not built (pages work without it). */
  js: string | undefined;
  /** Chunks the runtime imports (shared with the newsroom app's build), preloaded beside it. */
  jsImports?: string[];
  logo: string;
  /** A PNG logo for publishers' structured data (search engines do not take SVG there). */
  logoPng: string;
  fonts: string[];
}

export const absoluteUrl = (site: Pick<SiteContext, "siteUrl">, path: string) =>
  path.startsWith("http") ? path : `${site.siteUrl}${path}`;
