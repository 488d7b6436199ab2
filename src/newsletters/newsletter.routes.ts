import { plural } from "../platform/plural.js";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { h } from "preact";
import { z } from "zod";
import { sendPage } from "../platform/http/send-page.js";
import { networkOf } from "../platform/http/rate-limit.js";
import { type Limits, memoryLimits } from "../platform/http/shared-limits.js";
import type { Mailer } from "../platform/mail/mailer.js";
import type { Signer } from "../platform/signing.js";
import { type PageDeps, loadSiteContext } from "../pages/page-deps.js";
import { confirmationEmail } from "./email/confirmation-email.js";
import { field, formBody, transaction } from "./newsletter-forms.js";
import { CONFIRM_DAYS, newsletterLinks } from "./newsletter-links.js";
import { registerPreferencesRoutes } from "./newsletter-preferences.routes.js";
import {
  type Newsletter,
  type SubscriptionRequest,
  listNewsletters,
  loadLegacyPreferencesUntil,
  loadPreferences,
  requestSubscription,
  withdrawSubscriptionRequest,
} from "./subscription.queries.js";
import { confirmSubscriptions } from "./subscription-changes.js";
import {
  CheckInboxPage,
  ConfirmPage,
  ConfirmedPage,
  LinkProblemPage,
  SignupFormPage,
} from "./views/NewsletterPages.js";

/** How long a reader is asked to wait before trying again when the confirmation could not be sent. */
const CONFIRMATION_RETRY_SECONDS = 120;

export interface NewsletterDeps extends PageDeps {
  mailer: Pick<Mailer, "send">;
  signer: () => Promise<Signer>;
  /** Where limits are counted: in this process, or in Redis for every instance (platform/http/shared-limits.ts). */
  limits?: Limits | undefined;
}

/** Only same-site paths: a form must never become an open redirect. */
export const safeReturnPath = (value: unknown): string =>
  typeof value === "string" && /^\/(?!\/)[^\s\\]*$/.test(value) && value.length <= 300 ? value : "/";

/**
 * Where a reader who opened the sign-up page came from: `?from=` (every page's links carry it),
 * else the Referer when it is a page of this site (a link without it, an old bookmark), else home.
 * The sign-up pages themselves are never "where you were".
 */
export function returnPathFor(from: unknown, referer: string | undefined, siteUrl: string): string {
  if (typeof from === "string") return safeReturnPath(from);
  if (!referer) return "/";
  try {
    const url = new URL(referer);
    if (url.origin !== new URL(siteUrl).origin || url.pathname.startsWith("/newsletters")) return "/";
    return safeReturnPath(url.pathname + url.search);
  } catch {
    return "/";
  }
}

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

export function registerNewsletterRoutes(app: FastifyInstance, deps: NewsletterDeps): void {
  // Read once: the moment old, unexpiring preferences links stop working never changes.
  let legacyUntil: Promise<Date | undefined> | undefined;
  const linksFor = async () =>
    newsletterLinks(deps.config.siteUrl, await deps.signer(), {
      now: deps.now,
      legacyPreferencesUntil: await (legacyUntil ??= loadLegacyPreferencesUntil(deps.db).catch((err: unknown) => {
        legacyUntil = undefined;
        throw err;
      })),
    });
  const limits = deps.limits ?? memoryLimits;
  const perAddress = limits("signup-address", 5, 3_600_000);
  const perNetwork = limits("signup-network", 30, 3_600_000);
  const activeNewsletters = async () => (await listNewsletters(deps.db)).filter((n) => n.status === "active");

  app.get<{ Querystring: { from?: string } }>("/newsletters", async (req, reply) => {
    const [site, newsletters] = await Promise.all([loadSiteContext(deps), activeNewsletters()]);
    return sendPage(
      reply,
      h(SignupFormPage, {
        site,
        newsletters,
        chosen: ["morning-headlines"],
        returnTo: returnPathFor(req.query.from, req.headers.referer, deps.config.siteUrl),
        email: "",
      }),
    );
  });

  app.post("/newsletters/subscribe", async (req, reply) => {
    const body = formBody(req.body);
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

    const wait = Math.max(...(await Promise.all([perAddress.hit(email.data), perNetwork.hit(networkOf(req.ip))])));
    if (wait > 0) {
      const site = await loadSiteContext(deps);
      reply.header("retry-after", String(wait));
      return sendPage(
        reply,
        h(LinkProblemPage, {
          site,
          title: "Too many sign-ups",
          message: `We have had several sign-ups from here in the last hour. Please try again in ${plural(Math.ceil(wait / 60), "minute")}.`,
        }),
        { status: 429, cache: "private" },
      );
    }

    const now = deps.now();
    const request = await transaction(deps.db, (trx) =>
      requestSubscription(trx, {
        email: email.data,
        newsletterIds: chosen.map((n) => n.id),
        source: returnTo,
        now,
      }),
    );
    if (request.pending.length > 0) {
      const sent = await sendConfirmation(req, deps, await linksFor(), email.data, newsletters, request);
      if (!sent) {
        // The reader is told nothing was signed up, so nothing is: a retry starts afresh.
        await transaction(deps.db, (trx) => withdrawSubscriptionRequest(trx, request, now));
        const site = await loadSiteContext(deps);
        reply.header("retry-after", String(CONFIRMATION_RETRY_SECONDS));
        return sendPage(
          reply,
          h(SignupFormPage, {
            site,
            newsletters,
            chosen: slugs,
            returnTo,
            email: email.data,
            error:
              "We could not send your confirmation email just now, so nothing has been signed up. " +
              "Please try again in a few minutes.",
          }),
          { status: 503, cache: "private" },
        );
      }
    }
    // A sign-up for the audience desk, credited to the page it was made on (the form's return address).
    if (request.pending.length > 0) deps.audience?.signup(returnTo);
    // The same answer whether or not the address was known: nobody can learn who subscribes.
    return checkInbox();
  });

  app.get<{ Querystring: { from?: string } }>("/newsletters/check-your-inbox", async (req, reply) => {
    const site = await loadSiteContext(deps);
    return sendPage(reply, h(CheckInboxPage, { site, returnTo: safeReturnPath(req.query.from) }), { cache: "private" });
  });

  // GET asks, POST confirms: mail scanners and link previews follow every link in an email, and must not
  // sign anyone up by doing so (the same rule as unsubscribing, RFC 8058 §4).
  const confirmRoute =
    (act: boolean) => async (req: FastifyRequest<{ Querystring: { token?: string } }>, reply: FastifyReply) => {
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
      if (!act) return sendPage(reply, h(ConfirmPage, { site, action: req.url }), { cache: "private" });
      await transaction(deps.db, (trx) =>
        confirmSubscriptions(trx, { subscriberId: token.s, newsletterIds: token.n, now, via: "confirmation-link" }),
      );
      const [prefs, newsletters] = await Promise.all([loadPreferences(deps.db, token.s), listNewsletters(deps.db)]);
      const confirmed = newsletters.filter((n) => prefs?.subscriptions.get(n.id) === "confirmed");
      return sendPage(
        reply,
        h(ConfirmedPage, { site, newsletters: confirmed, preferencesUrl: links.preferences(token.s) }),
        { cache: "private" },
      );
    };
  app.get("/newsletters/confirm", confirmRoute(false));
  app.post("/newsletters/confirm", confirmRoute(true));

  registerPreferencesRoutes(app, deps, linksFor);
}

async function sendConfirmation(
  req: FastifyRequest,
  deps: NewsletterDeps,
  links: ReturnType<typeof newsletterLinks>,
  email: string,
  newsletters: Newsletter[],
  request: SubscriptionRequest,
): Promise<boolean> {
  const built = confirmationEmail({
    siteName: deps.config.siteName,
    siteUrl: deps.config.siteUrl,
    newsletters: newsletters.filter((n) => request.pending.includes(n.id)).map((n) => n.name),
    confirmUrl: links.confirm(request.subscriberId, request.pending, deps.now()),
    days: CONFIRM_DAYS,
  });
  try {
    await deps.mailer.send({ to: email, ...built });
    return true;
  } catch (err) {
    // A full disk under the outbox, an SMTP server that refuses or is away: the reader is told.
    req.log.error({ err }, "confirmation email not sent");
    return false;
  }
}
