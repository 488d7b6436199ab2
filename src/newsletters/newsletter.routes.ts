import type { FastifyInstance } from "fastify";
import { h } from "preact";
import { z } from "zod";
import { sendPage } from "../platform/http/send-page.js";
import { type PageDeps, loadSiteContext } from "../site/site.loader.js";
import { recordPendingSubscription } from "./subscription.queries.js";
import { CheckInboxPage, SignupFormPage } from "./views/NewsletterPages.js";

export const NEWSLETTERS = ["morning-headlines"] as const;

/** Only same-site paths: a form must never become an open redirect. */
export const safeReturnPath = (value: unknown): string =>
  typeof value === "string" && /^\/(?!\/)[^\s\\]*$/.test(value) && value.length <= 300 ? value : "/";

const signupSchema = z.object({
  email: z
    .string()
    .trim()
    .min(1, "Enter your email address.")
    .max(254, "That email address is too long.")
    .pipe(z.email("Enter a valid email address, like name@example.com.")),
  newsletter: z.enum(NEWSLETTERS).default("morning-headlines"),
  returnTo: z.unknown().transform(safeReturnPath),
});

export function registerNewsletterRoutes(app: FastifyInstance, deps: PageDeps): void {
  app.get<{ Querystring: { from?: string } }>("/newsletters", async (req, reply) => {
    const site = await loadSiteContext(deps);
    return sendPage(reply, h(SignupFormPage, { site, returnTo: safeReturnPath(req.query.from), email: "" }));
  });

  app.post("/newsletters/subscribe", async (req, reply) => {
    const body = (typeof req.body === "object" && req.body !== null ? req.body : {}) as Record<string, unknown>;
    const parsed = signupSchema.safeParse(body);
    if (!parsed.success) {
      const site = await loadSiteContext(deps);
      const typed = typeof body.email === "string" ? body.email.slice(0, 254) : "";
      const emailIssue = parsed.error.issues.find((i) => i.path[0] === "email");
      return sendPage(
        reply,
        h(SignupFormPage, {
          site,
          returnTo: safeReturnPath(body.returnTo),
          email: typed,
          error: emailIssue?.message ?? "Choose a newsletter to sign up for.",
        }),
        { status: 400, cache: "private" },
      );
    }
    const { email, newsletter, returnTo } = parsed.data;
    await recordPendingSubscription(deps.db, {
      email: email.toLowerCase(),
      newsletter,
      source: returnTo,
      now: deps.now(),
    });
    // The same answer whether or not the address was known: nobody can learn who subscribes.
    return reply.redirect(`/newsletters/check-your-inbox?from=${encodeURIComponent(returnTo)}`, 303);
  });

  app.get<{ Querystring: { from?: string } }>("/newsletters/check-your-inbox", async (req, reply) => {
    const site = await loadSiteContext(deps);
    return sendPage(reply, h(CheckInboxPage, { site, returnTo: safeReturnPath(req.query.from) }), { cache: "private" });
  });
}
