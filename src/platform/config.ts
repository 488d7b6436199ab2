import path from "node:path";
import { z } from "zod";
import { cdnEnvSchema, cdnPurgeSettings } from "./cache/cdn-config.js";
import type { CdnPurgeSettings } from "./cache/cdn-purge.js";
import type { DkimSettings } from "./mail/dkim.js";
import { defaultMailFrom, dkimSettings, mailDeliveryEnvSchema, mailServerEnvSchema } from "./mail/mail-config.js";
import { parseTrustProxy } from "./trust-proxy.js";
import { type StorageSettings, mediaPublicBase, storageEnvSchema, storageSettings } from "./storage/storage-config.js";

// The environment contract (DESIGN.md), validated once at start-up so a typo fails loudly. The mail,
// CDN and storage settings are declared beside what they configure; they are listed here in the
// order their errors are reported.
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
  ...mailServerEnvSchema,
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
  ...mailDeliveryEnvSchema,
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
  SQLITE_READ_THREADS: z.coerce.number().int().min(0).max(16).default(2),
  ...cdnEnvSchema,
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
  /** Days an unused wire item stays in the queue. */
  wireRetentionDays: number;
  /** Hosts wire pictures may be fetched from although they resolve to private addresses (WIRE_ALLOWED_HOSTS). */
  wireAllowedHosts: string[];
  /** After SIGTERM, how long requests in progress may go on before they are cut (ms). */
  shutdownTimeoutMs: number;
  /** The CDN our writes purge by key (its id, token and API), when one is configured. */
  cdnPurge: CdnPurgeSettings | undefined;
  /** Memory for rendered public pages (with their brotli and gzip copies), in bytes; 0 turns the cache off. */
  pageCacheBytes: number;
  /** SQLite: threads for long reads (rankings, search), docs/adr/042; 0 runs them on the main connection. */
  sqliteReadThreads: number;
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
  const cdnPurge = cdnPurgeSettings(e);
  if (typeof cdnPurge === "string") throw new ConfigError([cdnPurge]);
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
    sqliteReadThreads: e.SQLITE_READ_THREADS,
    cdnPurge,
    storage,
    mediaPublicUrl: mediaPublicBase(e.MEDIA_PUBLIC_URL),
  };
}
