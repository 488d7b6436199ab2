import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { h } from "preact";
import { z } from "zod";
import { sendPage } from "../platform/http/send-page.js";
import { memoryLimits } from "../platform/http/shared-limits.js";
import { loadSiteContext } from "../pages/page-deps.js";
import { preferencesLinkEmail } from "./email/preferences-link-email.js";
import { badLink, field, formBody, transaction } from "./newsletter-forms.js";
import { isSubscribed, recordEditionUnsubscribe } from "./edition-unsubscribes.queries.js";
import { type NewsletterLinks, PREFERENCES_DAYS, type PreferencesToken } from "./newsletter-links.js";
import type { NewsletterDeps } from "./newsletter.routes.js";
import { type Newsletter, listNewsletters, loadPreferences } from "./subscription.queries.js";
import { savePreferences, unsubscribe } from "./subscription-changes.js";
import { LinkProblemPage, PreferencesPage } from "./views/NewsletterPages.js";
import { NewLinkSentPage, PreferencesLinkExpiredPage, UnsubscribePage } from "./views/PreferencesLinkPages.js";

// The subscriber's own pages, reached through signed links in emails: preferences (expiring, docs/adr/016),
// unsubscribing (RFC 8058; never expires), and a new preferences link by email.

const preferencesQuery = z.object({
  s: z.coerce.number().int().positive(),
  x: z.coerce.number().int().positive().optional(),
  t: z.string().max(64),
});
const unsubscribeQuery = z.object({
  s: z.coerce.number().int().positive(),
  n: z.string().max(80),
  t: z.string().max(64),
  /** The edition the link came in (links sent before editions were named have none). */
  e: z.coerce.number().int().positive().optional(),
});

/** The query of a preferences link as hidden form fields, to carry it into the page's form or a new-link request. */
const proofOf = (token: PreferencesToken) => ({
  s: String(token.s),
  ...(token.x === undefined ? {} : { x: String(token.x) }),
  t: token.t,
});

export function registerPreferencesRoutes(
  app: FastifyInstance,
  deps: NewsletterDeps,
  linksFor: () => Promise<NewsletterLinks>,
): void {
  // A genuine link, even an expired one, may ask for a new one: a few times an hour per subscriber,
  // so nobody holding an old email can flood its owner's inbox.
  const newLinks = (deps.limits ?? memoryLimits)("preference-links", 3, 3_600_000);
  const activeNewsletters = async () => (await listNewsletters(deps.db)).filter((n) => n.status === "active");

  /** The page for a preferences link: the link's subscriber when it works, or the reply already sent. */
  const checkPreferences = async (reply: FastifyReply, query: unknown) => {
    const [site, links] = await Promise.all([loadSiteContext(deps), linksFor()]);
    const q = preferencesQuery.safeParse(query);
    const state = q.success ? links.readPreferences(q.data, deps.now()) : undefined;
    if (!q.success || !state) return { site, done: badLink(reply, site) } as const;
    if (state === "expired") {
      const page = h(PreferencesLinkExpiredPage, { site, proof: proofOf(q.data), days: PREFERENCES_DAYS });
      return { site, done: sendPage(reply, page, { status: 400, cache: "private" }) } as const;
    }
    return { site, token: q.data } as const;
  };

  app.get("/newsletters/preferences", async (req, reply) => {
    const checked = await checkPreferences(reply, req.query);
    if (checked.done) return checked.done;
    const { site, token } = checked;
    const [prefs, newsletters] = await Promise.all([loadPreferences(deps.db, token.s), activeNewsletters()]);
    if (!prefs) return badLink(reply, site);
    return sendPage(reply, h(PreferencesPage, { site, prefs, newsletters, token: proofOf(token) }), {
      cache: "private",
    });
  });

  app.post("/newsletters/preferences", async (req, reply) => {
    const body = formBody(req.body);
    const checked = await checkPreferences(reply, {
      s: field(body, "s")[0],
      x: field(body, "x")[0],
      t: field(body, "t")[0],
    });
    if (checked.done) return checked.done;
    const { site, token } = checked;
    const now = deps.now();
    const newsletters = await activeNewsletters();
    const all = field(body, "action")[0] === "unsubscribe-all";
    await transaction(deps.db, async (trx) => {
      if (all) await unsubscribe(trx, { subscriberId: token.s, newsletterId: "all", now, via: "preferences" });
      else {
        const slugs = field(body, "newsletter");
        await savePreferences(trx, {
          subscriberId: token.s,
          newsletterIds: newsletters.filter((n) => slugs.includes(n.slug)).map((n) => n.id),
          paused: field(body, "paused")[0] === "yes",
          now,
        });
      }
    });
    const prefs = await loadPreferences(deps.db, token.s);
    if (!prefs) return badLink(reply, site);
    return sendPage(
      reply,
      h(PreferencesPage, {
        site,
        prefs,
        newsletters,
        token: proofOf(token),
        saved: all ? "You are unsubscribed from everything. We will not email you again." : "Your choices are saved.",
      }),
      { cache: "private" },
    );
  });

  // Proof is a preferences link (expired or not) or an unsubscribe link; the address is never shown,
  // only written to.
  app.post("/newsletters/preferences/new-link", async (req, reply) => {
    const [site, links] = await Promise.all([loadSiteContext(deps), linksFor()]);
    const body = formBody(req.body);
    const value = (name: string) => field(body, name)[0];
    const asPreferences = preferencesQuery.safeParse({ s: value("s"), x: value("x"), t: value("t") });
    const asUnsubscribe = unsubscribeQuery.safeParse({ s: value("s"), n: value("n"), t: value("t"), e: value("e") });
    const subscriberId =
      value("n") === undefined
        ? asPreferences.success && links.readPreferences(asPreferences.data, deps.now())
          ? asPreferences.data.s
          : undefined
        : asUnsubscribe.success &&
            links.checkUnsubscribe(
              asUnsubscribe.data.s,
              asUnsubscribe.data.n,
              asUnsubscribe.data.t,
              asUnsubscribe.data.e,
            )
          ? asUnsubscribe.data.s
          : undefined;
    if (subscriberId === undefined) return badLink(reply, site);
    const prefs = await loadPreferences(deps.db, subscriberId);
    if (!prefs) return badLink(reply, site);

    const wait = await newLinks.hit(String(subscriberId));
    if (wait > 0) {
      reply.header("retry-after", String(wait));
      return sendPage(reply, h(NewLinkSentPage, { site, days: PREFERENCES_DAYS }), { status: 429, cache: "private" });
    }
    const built = preferencesLinkEmail({
      siteName: deps.config.siteName,
      siteUrl: deps.config.siteUrl,
      preferencesUrl: links.preferences(subscriberId),
      days: PREFERENCES_DAYS,
    });
    try {
      await deps.mailer.send({ to: prefs.email, ...built });
    } catch (err) {
      req.log.error({ err }, "preferences link email not sent");
      reply.header("retry-after", "120");
      return sendPage(
        reply,
        h(LinkProblemPage, {
          site,
          title: "We could not send the email",
          message: "Our email is not getting through just now. Please go back and try again in a few minutes.",
        }),
        { status: 503, cache: "private" },
      );
    }
    return sendPage(reply, h(NewLinkSentPage, { site, days: PREFERENCES_DAYS }), { cache: "private" });
  });

  const readUnsubscribe = async (
    query: unknown,
  ): Promise<{ s: number; n: string; t: string; e?: number | undefined; newsletter: Newsletter } | undefined> => {
    const links = await linksFor();
    const q = unsubscribeQuery.safeParse(query);
    if (!q.success || !links.checkUnsubscribe(q.data.s, q.data.n, q.data.t, q.data.e)) return undefined;
    const newsletter = (await listNewsletters(deps.db)).find((n) => n.slug === q.data.n);
    return newsletter ? { ...q.data, newsletter } : undefined;
  };

  // GET asks (link checkers and previews follow links; they must not unsubscribe anyone); POST acts:
  // the page's button, and mail clients' one-click (RFC 8058), with no further step.
  const unsubscribeRoute = (act: boolean) => async (req: FastifyRequest, reply: FastifyReply) => {
    const site = await loadSiteContext(deps);
    const target = await readUnsubscribe(req.query);
    if (!target) return badLink(reply, site);
    if (act) {
      await transaction(deps.db, async (trx) => {
        const wasSubscribed = await isSubscribed(trx, target.s, target.newsletter.id);
        await unsubscribe(trx, {
          subscriberId: target.s,
          newsletterId: target.newsletter.id,
          now: deps.now(),
          via: "unsubscribe-link",
        });
        if (target.e !== undefined && wasSubscribed)
          await recordEditionUnsubscribe(trx, target.e, target.s, deps.now());
      });
    }
    return sendPage(
      reply,
      h(UnsubscribePage, {
        site,
        newsletter: target.newsletter,
        action: req.url,
        proof: { s: String(target.s), n: target.n, t: target.t, ...(target.e ? { e: String(target.e) } : {}) },
        done: act,
      }),
      { cache: "private" },
    );
  };
  app.get("/newsletters/unsubscribe", unsubscribeRoute(false));
  app.post("/newsletters/unsubscribe", unsubscribeRoute(true));
}
