import type { Kysely } from "kysely";
import { type Config, loadConfig } from "./config.js";

// The site's canonical URL (SITE_URL) goes into every link of every email. The server records the one it
// runs with in the database at start; other processes on the same database (the CLI) take that one, so
// an operator who runs `newsletter send` from a shell without SITE_URL does not mail links to
// localhost, and one whose SITE_URL differs from the site's is stopped rather than guessed for.

export const SITE_URL_KEY = "site_url";

const same = (a: string, b: string) => new URL(a).href === new URL(b).href;

/** Called by the server at start: the URL it serves under is the one every process uses. */
export async function recordSiteUrl(db: Kysely<any>, siteUrl: string): Promise<void> {
  await db
    .insertInto("settings")
    .values({ key: SITE_URL_KEY, value: siteUrl })
    .onConflict((oc: any) => oc.column("key").doUpdateSet({ value: siteUrl }))
    .execute();
}

export async function loadRecordedSiteUrl(db: Kysely<any>): Promise<string | undefined> {
  const row = (await db.selectFrom("settings").select("value").where("key", "=", SITE_URL_KEY).executeTakeFirst()) as
    { value: string } | undefined;
  return row?.value;
}

/**
 * The configuration a process other than the server sends mail with: the site's recorded URL (and the
 * From address made from it, unless MAIL_FROM is set), or a sentence saying why it may not send.
 */
export async function configWithSiteUrl(
  db: Kysely<any>,
  env: NodeJS.ProcessEnv,
): Promise<{ config: Config } | { refusal: string }> {
  const recorded = await loadRecordedSiteUrl(db);
  const own = env.SITE_URL?.trim() || undefined;
  if (recorded && own && !same(recorded, own)) {
    return {
      refusal:
        `SITE_URL here is ${own}, but the site runs at ${recorded} (recorded when it last started). ` +
        "Unset SITE_URL to use the site's, or restart the site with the new one.",
    };
  }
  const siteUrl = recorded ?? own;
  if (!siteUrl) {
    return {
      refusal:
        "No site address to put in the emails' links: start the site once (it records its SITE_URL), " +
        "or set SITE_URL to the site's public address.",
    };
  }
  return { config: loadConfig({ ...env, SITE_URL: siteUrl }) };
}
