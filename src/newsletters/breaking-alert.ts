import { articlePath } from "../articles/article.js";
import { documentToPlainText } from "../articles/document/plain-text.js";
import type { Db } from "../database.js";
import { renderEmailHtml, renderEmailText } from "../platform/mail/email-document.js";
import type { EditionEmail } from "./email/edition-email.js";
import { excerpt, newsletterDocument } from "./email/newsletter-email.js";
import type { OutgoingEdition } from "./send-edition.js";

// Breaking-news alerts: publishing an article flagged breaking with "alert subscribers" queues the
// `newsletter.breaking` job ({ articleId }); it records the alert as an edition of the Breaking
// news newsletter (one per article, ever: a unique (newsletter, article) index) and sends it
// through the same resumable delivery as every edition, keyed "breaking-news/article-<id>".

export const BREAKING_NEWS = "breaking-news";

export const alertKey = (articleId: number) => `${BREAKING_NEWS}/article-${articleId}`;

interface AlertArticle {
  id: number;
  headline: string;
  standfirst: string;
  kicker: string;
  url: string;
  excerpt: string;
  published: boolean;
}

async function findAlertArticle(db: Db, articleId: number): Promise<AlertArticle | undefined> {
  const row = await db
    .selectFrom("articles as a")
    .innerJoin("sections as s", "s.id", "a.section_id")
    .select(["a.id", "a.slug", "a.headline", "a.standfirst", "a.kicker", "a.body", "a.status", "s.slug as section"])
    .where("a.id", "=", articleId)
    .executeTakeFirst();
  if (!row) return undefined;
  let text = "";
  try {
    text = documentToPlainText(JSON.parse(row.body));
  } catch {
    text = "";
  }
  return {
    id: row.id,
    headline: row.headline,
    standfirst: row.standfirst,
    kicker: row.kicker,
    url: articlePath(row.section, row.slug),
    excerpt: excerpt(text),
    published: row.status === "published",
  };
}

export type RaiseAlertResult =
  | { status: "raised"; briefingId: number }
  | { status: "exists"; briefingId: number }
  | { status: "not-published" }
  | { status: "missing" };

/** The alert's edition for an article (made once; a second call finds the first). */
export async function raiseBreakingAlert(db: Db, input: { articleId: number; now: Date }): Promise<RaiseAlertResult> {
  const existing = await db
    .selectFrom("briefings")
    .select("id")
    .where("newsletter", "=", BREAKING_NEWS)
    .where("article_id", "=", input.articleId)
    .executeTakeFirst();
  if (existing) return { status: "exists", briefingId: existing.id };
  const article = await findAlertArticle(db, input.articleId);
  if (!article) return { status: "missing" };
  // Unpublished between the editor's click and this job: nobody is alerted to a page that is gone.
  if (!article.published) return { status: "not-published" };
  const at = input.now.toISOString();
  const row = await db
    .insertInto("briefings")
    .values({
      newsletter: BREAKING_NEWS,
      edition_date: at,
      article_id: article.id,
      intro: "",
      created_at: at,
      updated_at: at,
    })
    .onConflict((oc) => oc.columns(["newsletter", "article_id"]).doNothing())
    .returning("id")
    .executeTakeFirst();
  if (row) return { status: "raised", briefingId: row.id };
  const again = await db
    .selectFrom("briefings")
    .select("id")
    .where("newsletter", "=", BREAKING_NEWS)
    .where("article_id", "=", article.id)
    .executeTakeFirstOrThrow();
  return { status: "exists", briefingId: again.id };
}

/** The alert as an email: the headline, the standfirst, a short excerpt and the link. */
export function alertEmail(
  article: Pick<AlertArticle, "headline" | "standfirst" | "kicker" | "url" | "excerpt">,
  site: { name: string; url: string },
  intro = "",
): EditionEmail {
  const href = `${site.url}${article.url}`;
  const doc = newsletterDocument({
    site,
    newsletterName: "Breaking news alerts",
    title: `Breaking: ${article.headline}`,
    preheader: article.standfirst || article.excerpt,
    webUrl: href,
    blocks: [
      { type: "section", title: article.kicker ? `Breaking news · ${article.kicker}` : "Breaking news" },
      { type: "heading", text: article.headline },
      ...(intro ? [{ type: "paragraph" as const, text: intro }] : []),
      ...(article.standfirst ? [{ type: "paragraph" as const, text: article.standfirst }] : []),
      ...(article.excerpt ? [{ type: "paragraph" as const, text: article.excerpt, muted: true }] : []),
      { type: "button", text: "Read the full story", href },
    ],
  });
  return {
    subject: `Breaking: ${article.headline}`,
    preheader: doc.preheader,
    html: renderEmailHtml(doc),
    text: renderEmailText(doc),
  };
}

/** An alert edition ready to send or preview, built from the article as it is now. */
export async function loadAlertEdition(
  db: Db,
  briefing: { id: number; articleId: number; intro: string; sendStatus: OutgoingEdition["sendStatus"] },
  site: { name: string; url: string },
): Promise<(OutgoingEdition & { published: boolean }) | undefined> {
  const article = await findAlertArticle(db, briefing.articleId);
  if (!article) return undefined;
  return {
    briefingId: briefing.id,
    key: alertKey(briefing.articleId),
    sendStatus: briefing.sendStatus,
    email: alertEmail(article, site, briefing.intro),
    publishesPage: false,
    published: article.published,
  };
}
