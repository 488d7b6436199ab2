import type { FastifyInstance, FastifyRequest } from "fastify";
import { isbot } from "isbot";
import { z } from "zod";
import type { AudienceCounter } from "./audience-counter.js";
import type { BeaconLimit } from "./beacon-limit.js";
import { classifySource } from "./sources.js";
import { type DailySalts, visitorHash } from "./visitor.js";

// POST /api/audience/beacon: what the reader pages' beacon (src/client/beacon.ts) sends with
// navigator.sendBeacon, as text/plain JSON (a "simple" request: no preflight, no cookies read or
// set). It answers 204 at once; the counts are written later in a batch.

export const BEACON_PATH = "/api/audience/beacon";

const beaconBody = z.strictObject({
  /** v: a view, e: engaged seconds. */
  k: z.enum(["v", "e"]),
  /** The page's random id (made in the page, not stored). */
  i: z.string().regex(/^[\w-]{8,32}$/),
  /** The article shown, 0 for another page. */
  a: z
    .number()
    .int()
    .min(0)
    .max(2 ** 31 - 1),
  /** The referring page's host only. */
  r: z
    .string()
    .max(253)
    .regex(/^[a-z0-9.-]*$/i)
    .default(""),
  /** utm_source, utm_medium, utm_campaign of the page's address. */
  u: z.array(z.string().max(100)).max(3).default([]),
  /** Engaged seconds since the last heartbeat (at most a minute's worth). */
  s: z.number().int().min(1).max(60).optional(),
});

export interface BeaconDeps {
  audience: AudienceCounter;
  salts: DailySalts;
  /** Counts an article's view for Most read (discovery/view-counter.ts). */
  views: { record(articleId: number, userAgent: string | undefined): void };
  siteHost: string;
  now: () => Date;
  /** Beacons per address (beacon-limit.ts): in memory, or shared through Redis. */
  limit: BeaconLimit;
}

/** User agents seen lately and whether isbot called them bots: the same few browsers send most beacons. */
const botVerdicts = new Map<string, boolean>();
function isBotAgent(userAgent: string): boolean {
  let verdict = botVerdicts.get(userAgent);
  if (verdict === undefined) {
    verdict = isbot(userAgent);
    if (botVerdicts.size >= 5_000) botVerdicts.clear();
    botVerdicts.set(userAgent, verdict);
  }
  return verdict;
}

/** Sec-GPC (Global Privacy Control) or DNT: count the view, keep no visitor hash for it. */
export const asksNotToTrack = (req: FastifyRequest) => req.headers["sec-gpc"] === "1" || req.headers.dnt === "1";

export function registerBeaconRoutes(app: FastifyInstance, deps: BeaconDeps): void {
  app.post(BEACON_PATH, { bodyLimit: 2048 }, async (req, reply) => {
    reply.header("cache-control", "no-store");
    // Checked first: refusing a flood should cost the least.
    if (!deps.limit.allow(req.ip))
      return reply
        .status(429)
        .header("retry-after", "60")
        .send({ error: { code: "RATE_LIMITED", message: "Too many beacons from this address" } });
    let raw: unknown = req.body;
    if (typeof raw === "string") {
      try {
        raw = JSON.parse(raw);
      } catch {
        raw = undefined;
      }
    }
    const parsed = beaconBody.safeParse(raw);
    if (!parsed.success) return reply.status(400).send({ error: { code: "BAD_REQUEST", message: "Malformed beacon" } });
    const body = parsed.data;
    const userAgent = req.headers["user-agent"] ?? "";
    // Bots, crawlers and link previews are not readers.
    if (!userAgent || isBotAgent(userAgent)) return reply.status(204).send();
    if (body.k === "e" && body.s === undefined)
      return reply.status(400).send({ error: { code: "BAD_REQUEST", message: "A heartbeat needs seconds" } });
    const [utmSource, utmMedium, utmCampaign] = body.u;
    // Our own host is the configured one, or the one this request came to (a second domain, a test address).
    const sameSite = body.r !== "" && body.r.toLowerCase() === req.hostname.toLowerCase();
    const source = classifySource({
      host: body.r,
      siteHost: sameSite ? body.r : deps.siteHost,
      utmSource,
      utmMedium,
      utmCampaign,
    });
    let visitor: string | undefined;
    if (body.k === "v" && !asksNotToTrack(req)) {
      const salt = await deps.salts.saltFor(deps.audience.dayOf(deps.now()));
      visitor = visitorHash(salt, req.ip, userAgent);
    }
    deps.audience.record({
      kind: body.k === "v" ? "view" : "engaged",
      pageView: body.i,
      articleId: body.a,
      source,
      visitor,
      ...(body.s !== undefined ? { seconds: body.s } : {}),
    });
    if (body.k === "v" && body.a > 0) deps.views.record(body.a, userAgent);
    return reply.status(204).send();
  });
}
