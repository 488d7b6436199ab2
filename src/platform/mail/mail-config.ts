import { z } from "zod";
import { type DkimSettings, readDkimPrivateKey } from "./dkim.js";

// The mail settings of the environment contract (config.ts validates them with the rest): which
// server, who the mail is from, where bounces return, how it is signed, how fast it goes, and the
// listener for inbound mailboxes.

/** The server and the From address. */
export const mailServerEnvSchema = {
  SMTP_URL: z
    .url({
      protocol: /^smtps?$/,
      hostname: z.regexes.hostname,
      error:
        "SMTP_URL must be an smtp:// or smtps:// URL such as smtp://user:password@mail.example.com:587 (unset, mail is written to DATA_DIR/outbox)",
    })
    .optional(),
  MAIL_FROM: z
    .string()
    .refine((v) => !/[\r\n\0]/.test(v), "MAIL_FROM must be one line")
    .refine(
      (v) => /^[^\s<>@]+@[^\s<>@]+$|<[^\s<>@]+@[^\s<>@]+>$/.test(v.trim()),
      "MAIL_FROM must be an address, optionally with a name: London Daily <newsletters@example.com>",
    )
    .optional(),
};

/** Bounces, signing, the pool and the inbound listener. */
export const mailDeliveryEnvSchema = {
  MAIL_BOUNCE_ADDRESS: z
    .string()
    .refine(
      (v) => /^[^\s<>@",;]+@[a-z0-9.-]+\.[a-z]{2,}$/i.test(v),
      "MAIL_BOUNCE_ADDRESS must be a bare address such as bounces@example.com",
    )
    .optional(),
  DKIM_DOMAIN: z
    .string()
    .refine(
      (v) => /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,}$/i.test(v),
      "DKIM_DOMAIN must be a domain name such as example.com",
    )
    .optional(),
  DKIM_SELECTOR: z
    .string()
    .refine(
      (v) => /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/i.test(v),
      "DKIM_SELECTOR must be a DNS label such as ld2026",
    )
    .optional(),
  DKIM_PRIVATE_KEY: z.string().optional(),
  SMTP_MAX_CONNECTIONS: z.coerce.number().int().min(1).max(100).default(5),
  SMTP_RATE_PER_SECOND: z.coerce.number().int().min(0).default(0),
  INBOUND_SMTP_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  INBOUND_SMTP_HOST: z.string().min(1).default("127.0.0.1"),
};

// "<SITE_NAME> <newsletters@<site host>>"; a name with RFC 5322 specials (a comma, a dot…) is quoted so it
// stays one display name rather than being read as several addresses.
export function defaultMailFrom(siteName: string, siteUrl: string): string {
  const host = new URL(siteUrl).hostname.replace(/^\[|\]$/g, "");
  const name = /^[\w !#$%&'*+/=?^`{|}~-]+$/.test(siteName) ? siteName : `"${siteName.replace(/(["\\])/g, "\\$1")}"`;
  return `${name} <newsletters@${host}>`;
}

/**
 * All three DKIM settings or none. The signing domain must be the From address's domain or a parent of it:
 * DMARC passes on DKIM only when d= aligns with From (RFC 7489 §3.1.1, relaxed alignment).
 */
export function dkimSettings(
  e: { DKIM_DOMAIN?: string | undefined; DKIM_SELECTOR?: string | undefined; DKIM_PRIVATE_KEY?: string | undefined },
  mailFrom: string,
): DkimSettings | undefined | string {
  const given = [e.DKIM_DOMAIN, e.DKIM_SELECTOR, e.DKIM_PRIVATE_KEY].filter((v) => v !== undefined).length;
  if (given === 0) return undefined;
  if (given < 3 || !e.DKIM_DOMAIN || !e.DKIM_SELECTOR || !e.DKIM_PRIVATE_KEY)
    return "DKIM_DOMAIN, DKIM_SELECTOR and DKIM_PRIVATE_KEY must be set together (or none of them, to send unsigned)";
  const key = readDkimPrivateKey(e.DKIM_PRIVATE_KEY);
  if ("error" in key) return `DKIM_PRIVATE_KEY ${key.error}`;
  const domain = e.DKIM_DOMAIN.toLowerCase();
  const fromDomain = (/@([^\s<>@]+?)>?$/.exec(mailFrom)?.[1] ?? "").toLowerCase();
  if (fromDomain !== domain && !fromDomain.endsWith(`.${domain}`))
    return `DKIM_DOMAIN ${domain} must be the From address's domain (${fromDomain}) or a parent of it, for DMARC alignment`;
  return { domain, selector: e.DKIM_SELECTOR, privateKey: key.pem };
}
