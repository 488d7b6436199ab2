import { h } from "preact";
import type { Db } from "../database.js";
import { sendPage } from "../platform/http/send-page.js";
import type { SiteContext } from "../pages/site-context.js";
import { LinkProblemPage } from "./views/NewsletterPages.js";

// What the newsletter pages' routes share: reading a form, a write in one transaction, the page for a
// link that does not check out.

/** Every value of a form field (one, several, or none). */
export const field = (body: Record<string, unknown>, name: string): unknown[] => {
  const v = body[name];
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
};

export const formBody = (body: unknown): Record<string, unknown> =>
  (typeof body === "object" && body !== null ? body : {}) as Record<string, unknown>;

export function transaction<T>(db: Db, fn: (trx: Db) => Promise<T>): Promise<T> {
  return "transaction" in db && typeof db.transaction === "function" && !db.isTransaction
    ? db.transaction().execute(fn)
    : fn(db);
}

export function badLink(reply: Parameters<typeof sendPage>[0], site: SiteContext) {
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
