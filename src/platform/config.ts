import path from "node:path";
import { z } from "zod";
import { type DkimSettings, readDkimPrivateKey } from "./mail/dkim.js";
import { parseTrustProxy } from "./trust-proxy.js";
import { CDN_API_BASES, type CdnPurgeSettings } from "./cache/cdn-purge.js";
import { type StorageSettings, mediaPublicBase, storageEnvSchema, storageSettings } from "./storage/storage-config.js";

// The environment contract (DESIGN.md), validated once at start-up so a typo fails loudly.
const booleanText = z
  .enum(["true", "false", "1", "0", "yes", "no"])
  .transform((v) => v === "true" || v === "1" || v === "yes");

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default("127.0.0.1"),
  SITE_URL: z.url().optional(),
  DATA_DIR: z.string().min(1).default("./data"),
  DATABASE_URL: z
    .string()
    .refine(
      (v) => /^postgres(ql)?:\/\//.test(v) && URL.canParse(v),
      "DATABASE_URL must be a postgres:// URL such as postgres://user:password@host:5432/london_daily (unset, the site uses SQLite in DATA_DIR)",
    )
    .optional(),
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
  // Web Push (docs/adr/035): VAPID's contact, and the push services subscriptions may point at.
  VAPID_SUBJECT: z
    .string()
    .regex(/^(https:\/\/|mailto:)\S+$/, "VAPID_SUBJECT must be an https: URL or a mailto: address")
    .optional(),
  PUSH_SERVICE_HOSTS: z
    .string()
    .default(
      "fcm.googleapis.com,updates.push.services.mozilla.com,push.services.mozilla.com,notify.windows.com,push.apple.com",
    )
    .transform((v) =>
      v
        .split(",")
        .map((h) => h.trim().toLowerCase())
        .filter(Boolean),
    ),
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
  REDIS_URL: z
    .string()
    .refine(
      (v) => /^rediss?:\/\//.test(v) && URL.canParse(v),
      "REDIS_URL must be a redis:// or rediss:// URL such as redis://127.0.0.1:6379 (unset, one machine shares nothing)",
    )
    .optional(),
  REDIS_PREFIX: z
    .string()
    .regex(/^[\w:.-]{1,64}$/, "REDIS_PREFIX must be up to 64 letters, digits, ':', '.', '_' or '-'")
    .default("london-daily:"),
  RUN_JOBS: booleanText.default(true),
  METRICS_TOKEN: z.string().min(16, "METRICS_TOKEN must be at least 16 characters").optional(),
  METRICS_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  METRICS_HOST: z.string().min(1).default("127.0.0.1"),
  TRUST_PROXY: z
    .string()
    .optional()
    .transform((v, ctx) => {
      const parsed = parseTrustProxy(v);
      if (typeof parsed === "string") ctx.addIssue({ code: "custom", message: parsed });
      return typeof parsed === "string" ? false : parsed;
    }),
  SEED_DEMO: booleanText.default(true),
  TZ_NEWSROOM: z
    .string()
    .default("Europe/London")
    .refine((tz) => {
      try {
        new Intl.DateTimeFormat("en-GB", { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    }, "TZ_NEWSROOM must be an IANA time zone such as Europe/London"),
  SITE_NAME: z.string().min(1).default("London Daily"),
  SITE_TAGLINE: z.string().min(1).default("Focus on the big picture."),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  NODE_ENV: z.string().default("development"),
  WEB_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(1),
  FEED_FULL_TEXT: booleanText.default(false),
  VIDEO_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1)
    .default(2 * 1024 ** 3),
  FFMPEG_PATH: z.string().min(1).default("ffmpeg"),
  FFPROBE_PATH: z.string().min(1).default("ffprobe"),
  SHUTDOWN_TIMEOUT: z.coerce.number().min(0).max(3600).default(10),
  WIRE_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(7),
  WIRE_ALLOWED_HOSTS: z
    .string()
    .default("")
    .transform((v) =>
      v.split(",").flatMap(
        (h) =>
          h
            .trim()
            .toLowerCase()
            .replace(/^\[(.*)\]$/, "$1") || [],
      ),
    ),
  PAGE_CACHE_MB: z.coerce.number().min(0).max(65_536).default(64),
  CDN_PURGE: z.enum(["fastly", "cloudflare"]).optional(),
  CDN_PURGE_ID: z
    .string()
    .regex(/^[\w-]+$/, "CDN_PURGE_ID must be a service or zone id")
    .optional(),
  CDN_PURGE_TOKEN: z.string().min(1).optional(),
  CDN_PURGE_API: z.url({ protocol: /^https?$/ }).optional(),
  ...storageEnvSchema,
});

/** Bad settings, one line each naming the setting and what it must be. */
export class ConfigError extends Error {
  constructor(readonly lines: string[]) {
    super(lines.join("\n"));
    this.name = "ConfigError";
  }
}

// Messages of our own start with the setting's name; zod's generic ones ("Too big: …") get it in front.
const issueLine = (setting: string, message: string) =>
  message.startsWith(`${setting} `) ? message : `${setting}: ${message}`;

export interface Config {
  port: number;
  host: string;
  siteUrl: string;
  siteName: string;
  tagline: string;
  dataDir: string;
  databaseUrl: string | undefined;
  /** smtp:// or smtps:// (user:pass@host:port); unset writes mail to a file outbox under DATA_DIR/outbox. */
  smtpUrl: string | undefined;
  /** VAPID's contact for push services: an https: URL or mailto: (VAPID_SUBJECT; else mailto: the From address). */
  vapidSubject: string;
  /** Hosts (and their subdomains) a Web Push subscription may name; anything else is refused (PUSH_SERVICE_HOSTS). */
  pushServiceHosts: string[];
  /** Default From: of outgoing mail, "Name <address>". */
  mailFrom: string;
  /** The envelope sender (MAIL FROM) of every message, where bounces return; unset, the From address. */
  mailBounceAddress: string | undefined;
  /** Signs every message (DKIM, RFC 6376); unset, mail goes unsigned. */
  dkim: DkimSettings | undefined;
  /** Connections the SMTP pool opens at most. */
  smtpMaxConnections: number;
  /** Messages per second handed to the SMTP server at most; 0 is unlimited. */
  smtpRatePerSecond: number;
  /** Where the SMTP listener for mailto unsubscribes listens; no port, no listener. */
  inboundSmtp: { host: string; port: number } | undefined;
  /** Shared state across instances: page invalidation, sign-up and reset limits, view counts (docs/adr/023). */
  redisUrl: string | undefined;
  /** Prefix of every Redis key and channel, so several sites can share one Redis. */
  redisPrefix: string;
  /** This process (the primary of a cluster) runs the job runner and the inbound mailbox; false is web-only. */
  runJobs: boolean;
  /** Bearer token for /metrics on the site's port; unset, /metrics is not served there. */
  metricsToken: string | undefined;
  /** A listener of its own for /metrics and /healthz (workers, or a port kept off the load balancer). */
  metricsListen: { host: string; port: number } | undefined;
  /**
   * Which proxies may tell us the client's address in X-Forwarded-For: false (none: the socket's
   * address is the client's), their addresses and CIDR ranges, or a number of hops.
   */
  trustProxy: false | number | string[];
  seedDemo: boolean;
  timeZone: string;
  logLevel: string;
  production: boolean;
  /** Worker processes serving HTTP (node:cluster); 1 runs in a single process. */
  workers: number;
  /** Feeds carry each story's full text (as feed-safe HTML) besides the standfirst. */
  feedFullText: boolean;
  /** Largest video upload accepted, in bytes (default 2 GB). */
  videoMaxBytes: number;
  /** The ffmpeg and ffprobe programs; when they cannot run, MP4 is accepted as is and not processed. */
  ffmpegPath: string;
  ffprobePath: string;
  /** After SIGTERM, how long requests in progress may go on before they are cut (ms). */
  /** Days an unused wire item stays in the queue. */
  wireRetentionDays: number;
  /** Hosts wire pictures may be fetched from although they resolve to private addresses (WIRE_ALLOWED_HOSTS). */
  wireAllowedHosts: string[];
  shutdownTimeoutMs: number;
  /** The CDN our writes purge by key (its id, token and API), when one is configured. */
  cdnPurge: CdnPurgeSettings | undefined;
  /** Memory for rendered public pages (with their brotli and gzip copies), in bytes; 0 turns the cache off. */
  pageCacheBytes: number;
  /** Where media live: DATA_DIR/media, or an S3-compatible bucket (S3_BUCKET and friends). */
  storage: StorageSettings;
  /** Pages and emails link media here (a public bucket or CDN) instead of SITE_URL/media/; no trailing slash. */
  mediaPublicUrl: string | undefined;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== "")));
  if (!parsed.success)
    throw new ConfigError([...new Set(parsed.error.issues.map((i) => issueLine(i.path.join("."), i.message)))]);
  const e = parsed.data;
  const siteUrl = (e.SITE_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, "");
  const mailFrom = e.MAIL_FROM?.trim() ?? defaultMailFrom(e.SITE_NAME, siteUrl);
  const dkim = dkimSettings(e, mailFrom);
  if (typeof dkim === "string") throw new ConfigError([dkim]);
  const storage = storageSettings(e);
  if (Array.isArray(storage)) throw new ConfigError(storage);
  return {
    port: e.PORT,
    host: e.HOST,
    siteUrl,
    siteName: e.SITE_NAME,
    tagline: e.SITE_TAGLINE,
    dataDir: path.resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    smtpUrl: e.SMTP_URL,
    mailFrom,
    vapidSubject: e.VAPID_SUBJECT ?? `mailto:${/<([^>]+)>/.exec(mailFrom)?.[1] ?? mailFrom}`,
    pushServiceHosts: e.PUSH_SERVICE_HOSTS,
    mailBounceAddress: e.MAIL_BOUNCE_ADDRESS,
    dkim,
    smtpMaxConnections: e.SMTP_MAX_CONNECTIONS,
    smtpRatePerSecond: e.SMTP_RATE_PER_SECOND,
    inboundSmtp:
      e.INBOUND_SMTP_PORT === undefined ? undefined : { host: e.INBOUND_SMTP_HOST, port: e.INBOUND_SMTP_PORT },
    redisUrl: e.REDIS_URL,
    redisPrefix: e.REDIS_PREFIX,
    runJobs: e.RUN_JOBS,
    metricsToken: e.METRICS_TOKEN,
    metricsListen: e.METRICS_PORT === undefined ? undefined : { host: e.METRICS_HOST, port: e.METRICS_PORT },
    trustProxy: e.TRUST_PROXY,
    seedDemo: e.SEED_DEMO,
    timeZone: e.TZ_NEWSROOM,
    logLevel: e.LOG_LEVEL,
    production: e.NODE_ENV === "production",
    workers: e.WEB_CONCURRENCY,
    feedFullText: e.FEED_FULL_TEXT,
    videoMaxBytes: e.VIDEO_MAX_BYTES,
    ffmpegPath: e.FFMPEG_PATH,
    ffprobePath: e.FFPROBE_PATH,
    shutdownTimeoutMs: Math.round(e.SHUTDOWN_TIMEOUT * 1000),
    wireRetentionDays: e.WIRE_RETENTION_DAYS,
    wireAllowedHosts: e.WIRE_ALLOWED_HOSTS,
    pageCacheBytes: Math.round(e.PAGE_CACHE_MB * 1024 * 1024),
    cdnPurge: cdnPurgeSettings(e),
    storage,
    mediaPublicUrl: mediaPublicBase(e.MEDIA_PUBLIC_URL),
  };
}

function cdnPurgeSettings(e: z.infer<typeof envSchema>): CdnPurgeSettings | undefined {
  if (!e.CDN_PURGE) return undefined;
  if (!e.CDN_PURGE_ID || !e.CDN_PURGE_TOKEN) {
    throw new ConfigError([
      `CDN_PURGE_ID, CDN_PURGE_TOKEN: CDN_PURGE=${e.CDN_PURGE} needs the ${e.CDN_PURGE === "fastly" ? "service" : "zone"} id and an API token`,
    ]);
  }
  return {
    provider: e.CDN_PURGE,
    id: e.CDN_PURGE_ID,
    token: e.CDN_PURGE_TOKEN,
    apiBase: e.CDN_PURGE_API ?? CDN_API_BASES[e.CDN_PURGE],
  };
}

// "<SITE_NAME> <newsletters@<site host>>"; a name with RFC 5322 specials (a comma, a dot…) is quoted so it
// stays one display name rather than being read as several addresses.
function defaultMailFrom(siteName: string, siteUrl: string): string {
  const host = new URL(siteUrl).hostname.replace(/^\[|\]$/g, "");
  const name = /^[\w !#$%&'*+/=?^`{|}~-]+$/.test(siteName) ? siteName : `"${siteName.replace(/(["\\])/g, "\\$1")}"`;
  return `${name} <newsletters@${host}>`;
}

/**
 * All three DKIM settings or none. The signing domain must be the From address's domain or a parent of it:
 * DMARC passes on DKIM only when d= aligns with From (RFC 7489 §3.1.1, relaxed alignment).
 */
function dkimSettings(
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
