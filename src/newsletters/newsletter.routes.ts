import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { h } from "preact";
import { z } from "zod";
import type { Db } from "../database.js";
import { sendPage } from "../platform/http/send-page.js";
import { RateLimiter, networkOf } from "../platform/http/rate-limit.js";
import type { Mailer } from "../platform/mail/mailer.js";
import type { Signer } from "../platform/signing.js";
import { type PageDeps, loadSiteContext } from "../pages/page-deps.js";
import { confirmationEmail } from "./email/confirmation-email.js";
import { CONFIRM_DAYS, newsletterLinks } from "./newsletter-links.js";
import {
  type Newsletter,
  confirmSubscriptions,
  listNewsletters,
  loadPreferences,
  requestSubscription,
  savePreferences,
  unsubscribe,
} from "./subscription.queries.js";
import {
  CheckInboxPage,
  ConfirmedPage,
  LinkProblemPage,
  PreferencesPage,
  SignupFormPage,
  UnsubscribePage,
} from "./views/NewsletterPages.js";

export interface NewsletterDeps extends PageDeps {
  mailer: Pick<Mailer, "send">;
  signer: () => Promise<Signer>;
}

/** Only same-site paths: a form must never become an open redirect. */
export const safeReturnPath = (value: unknown): string =>
  typeof value === "string" && /^\/(?!\/)[^\s\\]*$/.test(value) && value.length <= 300 ? value : "/";

// Throw-away inbox services: sign-ups from them are almost always bots or abuse.
const DISPOSABLE = new Set([
  "mailinator.com",
  "guerrillamail.com",
  "10minutemail.com",
  "yopmail.com",
  "trashmail.com",
  "tempmail.com",
  "temp-mail.org",
  "sharklasers.com",
  "getnada.com",
  "dispostable.com",
  "throwawaymail.com",
  "maildrop.cc",
]);

export const emailSchema = z
  .string()
  .trim()
  .min(1, "Enter your email address.")
  .max(254, "That email address is too long.")
  .pipe(z.email("Enter a valid email address, like name@example.com."))
  .transform((e) => e.toLowerCase())
  .refine(
    (e) => !DISPOSABLE.has(e.split("@")[1] ?? ""),
    "Please use an address you keep: we do not send to throw-away inboxes.",
  );

const field = (body: Record<string, unknown>, name: string): unknown[] => {
  const v = body[name];
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
};

export function registerNewsletterRoutes(app: FastifyInstance, deps: NewsletterDeps): void {
  const linksFor = async () => newsletterLinks(deps.config.siteUrl, await deps.signer());
  const perAddress = new RateLimiter(5, 3_600_000);
  const perNetwork = new RateLimiter(30, 3_600_000);
  const activeNewsletters = async () => (await listNewsletters(deps.db)).filter((n) => n.status === "active");

  app.get<{ Querystring: { from?: string } }>("/newsletters", async (req, reply) => {
    const [site, newsletters] = await Promise.all([loadSiteContext(deps), activeNewsletters()]);
    return sendPage(
      reply,
      h(SignupFormPage, {
        site,
        newsletters,
        chosen: ["morning-headlines"],
        returnTo: safeReturnPath(req.query.from),
        email: "",
      }),
    );
  });

  app.post("/newsletters/subscribe", async (req, reply) => {
    const body = (typeof req.body === "object" && req.body !== null ? req.body : {}) as Record<string, unknown>;
    const returnTo = safeReturnPath(field(body, "returnTo")[0]);
    const checkInbox = () => reply.redirect(`/newsletters/check-your-inbox?from=${encodeURIComponent(returnTo)}`, 303);
    // A field people never see: only a bot fills it. It is told what a person would be told.
    if (field(body, "website").some((v) => typeof v === "string" && v.trim() !== "")) return checkInbox();

    const newsletters = await activeNewsletters();
    const slugs = field(body, "newsletter").filter((v): v is string => typeof v === "string");
    const chosen = newsletters.filter((n) => slugs.includes(n.slug));
    const email = emailSchema.safeParse(typeof field(body, "email")[0] === "string" ? field(body, "email")[0] : "");
    const error = !email.success
      ? email.error.issues[0]!.message
      : chosen.length === 0
        ? "Choose at least one newsletter."
        : undefined;
    if (error || !email.success) {
      const site = await loadSiteContext(deps);
      const typed = field(body, "email")[0];
      return sendPage(
        reply,
        h(SignupFormPage, {
          site,
          newsletters,
          chosen: slugs,
          returnTo,
          email: typeof typed === "string" ? typed.slice(0, 254) : "",
          error: error ?? "Enter a valid email address.",
        }),
        { status: 400, cache: "private" },
      );
    }

    const wait = Math.max(perAddress.hit(email.data), perNetwork.hit(networkOf(req.ip)));
    if (wait > 0) {
      const site = await loadSiteContext(deps);
      reply.header("retry-after", String(wait));
      return sendPage(
        reply,
        h(LinkProblemPage, {
          site,
          title: "Too many sign-ups",
          message: `We have had several sign-ups from here in the last hour. Please try again in ${Math.ceil(wait / 60)} minutes.`,
        }),
        { status: 429, cache: "private" },
      );
    }

    const now = deps.now();
    const { subscriberId, pending } = await transaction(deps.db, (trx) =>
      requestSubscription(trx, {
        email: email.data,
        newsletterIds: chosen.map((n) => n.id),
        source: returnTo,
        now,
      }),
    );
    if (pending.length > 0) {
      await sendConfirmation(req, deps, await linksFor(), email.data, subscriberId, newsletters, pending);
    }
    // The same answer whether or not the address was known: nobody can learn who subscribes.
    return checkInbox();
  });

  app.get<{ Querystring: { from?: string } }>("/newsletters/check-your-inbox", async (req, reply) => {
    const site = await loadSiteContext(deps);
    return sendPage(reply, h(CheckInboxPage, { site, returnTo: safeReturnPath(req.query.from) }), { cache: "private" });
  });

  app.get<{ Querystring: { token?: string } }>("/newsletters/confirm", async (req, reply) => {
    const [site, links] = await Promise.all([loadSiteContext(deps), linksFor()]);
    const now = deps.now();
    const token = links.readConfirm(String(req.query.token ?? ""), now);
    if (token === undefined || token === "expired") {
      return sendPage(
        reply,
        h(LinkProblemPage, {
          site,
          title: token === "expired" ? "This link has expired" : "This link does not work",
          message:
            token === "expired"
              ? `Confirmation links work for ${CONFIRM_DAYS} days. Sign up again and we will send a fresh one.`
              : "It may have been cut short when it was copied. Sign up again and we will send a fresh one.",
          signUp: true,
        }),
        { status: 400, cache: "private" },
      );
    }
    await transaction(deps.db, (trx) =>
      confirmSubscriptions(trx, { subscriberId: token.s, newsletterIds: token.n, now }),
    );
    const [prefs, newsletters] = await Promise.all([loadPreferences(deps.db, token.s), listNewsletters(deps.db)]);
    const confirmed = newsletters.filter((n) => prefs?.subscriptions.get(n.id) === "confirmed");
    return sendPage(
      reply,
      h(ConfirmedPage, { site, newsletters: confirmed, preferencesUrl: links.preferences(token.s) }),
      { cache: "private" },
    );
  });

  const prefsQuery = z.object({ s: z.coerce.number().int().positive(), t: z.string().max(64) });

  app.get("/newsletters/preferences", async (req, reply) => {
    const [site, links] = await Promise.all([loadSiteContext(deps), linksFor()]);
    const q = prefsQuery.safeParse(req.query);
    if (!q.success || !links.checkPreferences(q.data.s, q.data.t)) return badLink(reply, site);
    const [prefs, newsletters] = await Promise.all([loadPreferences(deps.db, q.data.s), activeNewsletters()]);
    if (!prefs) return badLink(reply, site);
    return sendPage(reply, h(PreferencesPage, { site, prefs, newsletters, token: q.data }), { cache: "private" });
  });

  app.post("/newsletters/preferences", async (req, reply) => {
    const [site, links] = await Promise.all([loadSiteContext(deps), linksFor()]);
    const body = (typeof req.body === "object" && req.body !== null ? req.body : {}) as Record<string, unknown>;
    const q = prefsQuery.safeParse({ s: field(body, "s")[0], t: field(body, "t")[0] });
    if (!q.success || !links.checkPreferences(q.data.s, q.data.t)) return badLink(reply, site);
    const now = deps.now();
    const newsletters = await activeNewsletters();
    const all = field(body, "action")[0] === "unsubscribe-all";
    await transaction(deps.db, async (trx) => {
      if (all) await unsubscribe(trx, { subscriberId: q.data.s, newsletterId: "all", now });
      else {
        const slugs = field(body, "newsletter");
        await savePreferences(trx, {
          subscriberId: q.data.s,
          newsletterIds: newsletters.filter((n) => slugs.includes(n.slug)).map((n) => n.id),
          paused: field(body, "paused")[0] === "yes",
          now,
        });
      }
    });
    const prefs = await loadPreferences(deps.db, q.data.s);
    if (!prefs) return badLink(reply, site);
    return sendPage(
      reply,
      h(PreferencesPage, {
        site,
        prefs,
        newsletters,
        token: q.data,
        saved: all ? "You are unsubscribed from everything. We will not email you again." : "Your choices are saved.",
      }),
      { cache: "private" },
    );
  });

  const unsubscribeQuery = z.object({
    s: z.coerce.number().int().positive(),
    n: z.string().max(80),
    t: z.string().max(64),
  });
  const readUnsubscribe = async (
    query: unknown,
  ): Promise<{ s: number; newsletter: Newsletter; preferencesUrl: string } | undefined> => {
    const links = await linksFor();
    const q = unsubscribeQuery.safeParse(query);
    if (!q.success || !links.checkUnsubscribe(q.data.s, q.data.n, q.data.t)) return undefined;
    const newsletter = (await listNewsletters(deps.db)).find((n) => n.slug === q.data.n);
    return newsletter ? { s: q.data.s, newsletter, preferencesUrl: links.preferences(q.data.s) } : undefined;
  };

  // GET asks (link checkers and previews follow links; they must not unsubscribe anyone); POST acts:
  // the page's button, and mail clients' one-click (RFC 8058), with no further step.
  const unsubscribeRoute = (act: boolean) => async (req: FastifyRequest, reply: FastifyReply) => {
    const site = await loadSiteContext(deps);
    const target = await readUnsubscribe(req.query);
    if (!target) return badLink(reply, site);
    if (act) {
      await transaction(deps.db, (trx) =>
        unsubscribe(trx, { subscriberId: target.s, newsletterId: target.newsletter.id, now: deps.now() }),
      );
    }
    return sendPage(
      reply,
      h(UnsubscribePage, {
        site,
        newsletter: target.newsletter,
        action: req.url,
        preferencesUrl: target.preferencesUrl,
        done: act,
      }),
      { cache: "private" },
    );
  };
  app.get("/newsletters/unsubscribe", unsubscribeRoute(false));
  app.post("/newsletters/unsubscribe", unsubscribeRoute(true));
}

function badLink(reply: Parameters<typeof sendPage>[0], site: Awaited<ReturnType<typeof loadSiteContext>>) {
  return sendPage(
    reply,
    h(LinkProblemPage, {
      site,
      title: "This link does not work",
      message:
        "It may have been cut short when it was copied. Use the link at the foot of any of our emails, or sign up again.",
      signUp: true,
    }),
    { status: 400, cache: "private" },
  );
}

function transaction<T>(db: Db, fn: (trx: Db) => Promise<T>): Promise<T> {
  return "transaction" in db && typeof db.transaction === "function" && !db.isTransaction
    ? db.transaction().execute(fn)
    : fn(db);
}

async function sendConfirmation(
  req: FastifyRequest,
  deps: NewsletterDeps,
  links: ReturnType<typeof newsletterLinks>,
  email: string,
  subscriberId: number,
  newsletters: Newsletter[],
  pending: number[],
) {
  const built = confirmationEmail({
    siteName: deps.config.siteName,
    siteUrl: deps.config.siteUrl,
    newsletters: newsletters.filter((n) => pending.includes(n.id)).map((n) => n.name),
    confirmUrl: links.confirm(subscriberId, pending, deps.now()),
    days: CONFIRM_DAYS,
  });
  try {
    await deps.mailer.send({ to: email, ...built });
  } catch (err) {
    // The reader is told the same either way; the sign-up stays pending and a new sign-up resends.
    req.log.error({ err }, "confirmation email not sent");
  }
}
