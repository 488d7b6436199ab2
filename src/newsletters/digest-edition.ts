import type { ArticleSummary } from "../articles/article.js";
import { listPublishedArticles } from "../articles/article.queries.js";
import type { Db } from "../database.js";
import { formatEditionDate, zonedDayRange, zonedIsoDate } from "../platform/time.js";
import { renderEmailHtml, renderEmailText } from "../platform/mail/email-document.js";
import type { EditionEmail } from "./email/edition-email.js";
import { newsletterDocument } from "./email/newsletter-email.js";
import { fromNewsletter } from "./newsletter-links.js";
import { type ComposeResult, loadEditionStories, storeArticleEdition } from "./edition.js";
import type { OutgoingEdition } from "./send-edition.js";
import type { NewsletterKind } from "./subscription.table.js";

// Digests: the newsletters an admin adds in the newsroom. At each send time an edition gathers
// the stories published since the previous edition (at most a day back for a daily, a week for a
// weekly), from the newsletter's section or topic or from every section, newest first. It is a
// draft like the Morning Headlines (editors may change the intro, reorder, cut or hold it), sent
// through the same resumable delivery, and once sent it is a public page, the email's "view in
// browser" link. A period with nothing new makes no edition and no email.

export const STORIES_IN_DIGEST = 12;
const WINDOW_MS: Record<Exclude<NewsletterKind, "alert">, number> = {
  daily: 24 * 3600_000,
  weekly: 7 * 24 * 3600_000,
};

/** The three newsletters the system composes itself; every other one is a digest. */
export const BUILT_IN_NEWSLETTERS = new Set(["morning-headlines", "video", "breaking-news"]);

export interface DigestNewsletter {
  id: number;
  slug: string;
  name: string;
  kind: NewsletterKind;
  sectionId: number | null;
  tagId: number | null;
}

export async function findDigestNewsletter(db: Db, slug: string): Promise<DigestNewsletter | undefined> {
  if (BUILT_IN_NEWSLETTERS.has(slug)) return undefined;
  const row = await db
    .selectFrom("newsletters")
    .select(["id", "slug", "name", "kind", "section_id", "tag_id"])
    .where("slug", "=", slug)
    .executeTakeFirst();
  if (!row || row.kind === "alert") return undefined;
  return { id: row.id, slug: row.slug, name: row.name, kind: row.kind, sectionId: row.section_id, tagId: row.tag_id };
}

export const digestPath = (slug: string, editionDate: string) => `/newsletters/${slug}/${editionDate}`;

/** "Politics Weekly - Friday, December 4 2026". */
export function digestTitle(name: string, editionDate: string, timeZone: string): string {
  return `${name} - ${formatEditionDate(zonedDayRange(editionDate, timeZone).start, timeZone)}`;
}

/** Today's edition of a digest (run it in a transaction); a second call finds the first. */
export async function composeDigest(
  db: Db,
  newsletter: DigestNewsletter,
  input: { now: Date; timeZone: string },
): Promise<ComposeResult> {
  const editionDate = zonedIsoDate(input.now, input.timeZone);
  const find = () =>
    db
      .selectFrom("briefings")
      .select("id")
      .where("newsletter", "=", newsletter.slug)
      .where("edition_date", "=", editionDate)
      .executeTakeFirst();
  const existing = await find();
  if (existing) return { status: "exists", briefingId: existing.id };

  // Since the previous edition went out, so nothing is sent twice when a send time moves earlier,
  // and never further back than the newsletter's period.
  const previous = await db
    .selectFrom("briefings")
    .select((eb) => eb.fn.max("sent_at").as("at"))
    .where("newsletter", "=", newsletter.slug)
    .executeTakeFirst();
  const windowStart = input.now.getTime() - WINDOW_MS[newsletter.kind === "daily" ? "daily" : "weekly"];
  const since = new Date(Math.max(windowStart, previous?.at ? new Date(previous.at).getTime() : 0));
  const stories = await listPublishedArticles(db, {
    since,
    until: input.now,
    limit: STORIES_IN_DIGEST,
    ...(newsletter.sectionId !== null ? { sectionId: newsletter.sectionId } : {}),
    ...(newsletter.tagId !== null ? { tagId: newsletter.tagId } : {}),
  });
  if (stories.length === 0) return { status: "empty" };

  return storeArticleEdition(db, {
    newsletter: newsletter.slug,
    editionDate,
    intro: "",
    at: input.now,
    articles: stories,
  });
}

export interface DigestEdition {
  briefingId: number;
  newsletter: { slug: string; name: string };
  editionDate: string;
  intro: string;
  sendStatus: OutgoingEdition["sendStatus"];
  /** In the editors' order; stories unpublished since composing drop out. */
  items: { article: ArticleSummary; line: string }[];
}

export async function loadDigestEdition(db: Db, briefingId: number): Promise<DigestEdition | undefined> {
  const row = await db
    .selectFrom("briefings as b")
    .innerJoin("newsletters as n", "n.slug", "b.newsletter")
    .select(["b.id", "b.edition_date", "b.intro", "b.send_status", "n.slug", "n.name"])
    .where("b.id", "=", briefingId)
    .executeTakeFirst();
  if (!row || BUILT_IN_NEWSLETTERS.has(row.slug)) return undefined;
  return {
    briefingId: row.id,
    newsletter: { slug: row.slug, name: row.name },
    editionDate: row.edition_date,
    intro: row.intro,
    sendStatus: row.send_status,
    items: await loadEditionStories(db, row.id),
  };
}

const IMAGE_WIDTH = 536;

export function digestEmail(
  edition: DigestEdition,
  site: { name: string; url: string; timeZone: string },
): EditionEmail {
  const abs = (path: string) => (path.startsWith("http") ? path : `${site.url}${path}`);
  const title = digestTitle(edition.newsletter.name, edition.editionDate, site.timeZone);
  const [lead, ...rest] = edition.items;
  const hero = lead?.article.hero;
  // A section's digest does not repeat the section's name over every story.
  const mixed = new Set(edition.items.map((i) => i.article.section.slug)).size > 1;
  const kicker = (article: ArticleSummary) => (mixed ? { kicker: article.section.name } : {});
  const doc = newsletterDocument({
    site,
    newsletterName: edition.newsletter.name,
    title,
    preheader: lead?.article.headline ?? edition.intro,
    webUrl: abs(digestPath(edition.newsletter.slug, edition.editionDate)),
    blocks: [
      { type: "heading", text: edition.newsletter.name },
      ...(edition.intro ? [{ type: "paragraph" as const, text: edition.intro }] : []),
      ...(lead
        ? [
            {
              type: "story" as const,
              ...(lead.article.kicker ? { kicker: lead.article.kicker } : kicker(lead.article)),
              headline: lead.article.headline,
              href: fromNewsletter(abs(lead.article.url), edition.newsletter.slug),
              line: lead.line,
              ...(hero
                ? {
                    image: {
                      src: abs(hero.src),
                      alt: hero.alt,
                      width: IMAGE_WIDTH,
                      height: Math.round((IMAGE_WIDTH * hero.height) / hero.width),
                    },
                  }
                : {}),
            },
          ]
        : []),
      ...(rest.length ? [{ type: "section" as const, title: "Also" }] : []),
      ...rest.map(({ article, line }) => ({
        type: "story" as const,
        ...kicker(article),
        headline: article.headline,
        href: fromNewsletter(abs(article.url), edition.newsletter.slug),
        line,
      })),
    ],
  });
  return { subject: title, preheader: doc.preheader, html: renderEmailHtml(doc), text: renderEmailText(doc) };
}

export function outgoingDigestEdition(
  edition: DigestEdition,
  site: { name: string; url: string; timeZone: string },
): OutgoingEdition {
  return {
    briefingId: edition.briefingId,
    key: `${edition.newsletter.slug}/${edition.editionDate}`,
    sendStatus: edition.sendStatus,
    email: digestEmail(edition, site),
    publishesPage: true,
  };
}
