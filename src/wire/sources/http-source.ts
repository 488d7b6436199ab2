import { type LookupAddress, lookup } from "node:dns";
import net from "node:net";
import { AppError } from "../../platform/errors.js";
import { hostOf, isPrivateAddress } from "../../platform/webhooks/address-guard.js";
import { MAX_FEED_BYTES } from "../formats/xml.js";

// Fetching a feed over HTTP(S): conditional (ETag, Last-Modified), bounded in time and size,
// following redirects only within the same host (a redirect elsewhere is how a feed URL gets
// turned against hosts it was never meant to reach), and only to public addresses unless the
// operator allowed the host (WIRE_ALLOWED_HOSTS): the same guard as webhooks and wire pictures
// (docs/adr/033), since an admin's typo or a compromised admin account could otherwise point the
// worker at the operator's own network and show what answered in the provider's status.

export interface HttpFetchInput {
  url: string;
  authKind: "none" | "basic" | "bearer";
  authSecret: string | null;
  etag: string | null;
  lastModified: string | null;
}

export type HttpFetchResult =
  | { status: "not-modified" }
  | { status: "ok"; bytes: Buffer; etag: string | null; lastModified: string | null; finalUrl: string };

export interface HttpFetchOptions {
  timeoutMs?: number;
  maxBytes?: number;
  /** Hosts a feed may be fetched from although they resolve to private addresses; none by default. */
  allowedHosts?: ReadonlySet<string>;
}

const MAX_REDIRECTS = 3;

export async function fetchFeed(input: HttpFetchInput, options: HttpFetchOptions = {}): Promise<HttpFetchResult> {
  const timeoutMs = options.timeoutMs ?? 20_000;
  const maxBytes = options.maxBytes ?? MAX_FEED_BYTES;
  const signal = AbortSignal.timeout(timeoutMs);
  const headers: Record<string, string> = {
    accept: "application/rss+xml, application/atom+xml, application/xml, application/json, text/xml;q=0.9, */*;q=0.5",
    "user-agent": "LondonDaily-WireIngest/1",
  };
  if (input.etag) headers["if-none-match"] = input.etag;
  if (input.lastModified) headers["if-modified-since"] = input.lastModified;
  if (input.authKind === "bearer" && input.authSecret) headers.authorization = `Bearer ${input.authSecret}`;
  if (input.authKind === "basic" && input.authSecret) {
    headers.authorization = `Basic ${Buffer.from(input.authSecret).toString("base64")}`;
  }
  const origin = new URL(input.url);
  let url = origin;
  try {
    for (let hop = 0; ; hop++) {
      await refusePrivate(url, options.allowedHosts ?? new Set());
      const response = await fetch(url, { headers, redirect: "manual", signal });
      if (response.status >= 300 && response.status < 400 && response.status !== 304) {
        await response.body?.cancel();
        const location = response.headers.get("location");
        if (!location) throw new AppError("BAD_REQUEST", `The feed answered ${response.status} without a Location`);
        const next = new URL(location, url);
        if (next.host !== origin.host || (next.protocol !== origin.protocol && next.protocol !== "https:")) {
          throw new AppError("BAD_REQUEST", `The feed redirected to another host (${next.host}); not followed`);
        }
        if (hop >= MAX_REDIRECTS) throw new AppError("BAD_REQUEST", `More than ${MAX_REDIRECTS} redirects`);
        url = next;
        continue;
      }
      if (response.status === 304) {
        await response.body?.cancel();
        return { status: "not-modified" };
      }
      if (!response.ok) {
        await response.body?.cancel();
        throw new AppError("BAD_REQUEST", `The feed answered ${response.status} ${response.statusText}`.trim());
      }
      const declared = Number(response.headers.get("content-length"));
      if (declared > maxBytes) {
        await response.body?.cancel();
        throw new AppError(
          "PAYLOAD_TOO_LARGE",
          `The feed is ${Math.round(declared / 1048576)} MB, more than ${maxBytes / 1048576} MB`,
        );
      }
      const bytes = await readLimited(response, maxBytes);
      return {
        status: "ok",
        bytes,
        etag: response.headers.get("etag"),
        lastModified: response.headers.get("last-modified"),
        finalUrl: url.toString(),
      };
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    const name = (error as Error).name;
    if (name === "TimeoutError" || name === "AbortError") {
      throw new AppError(
        "UNAVAILABLE",
        `The feed did not answer within ${timeoutMs < 1000 ? (timeoutMs / 1000).toFixed(1) : Math.round(timeoutMs / 1000)} s`,
      );
    }
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    throw new AppError(
      "UNAVAILABLE",
      `The feed could not be reached: ${cause?.code ?? cause?.message ?? (error as Error).message}`,
    );
  }
}

/**
 * Refuses an address that is, or resolves to, a loopback, private, link-local or reserved one.
 * Checked before each request (a redirect's target too); fetch resolves the name again when it
 * connects, so a name whose answer changes between the two is not caught here, as it is by the
 * connection-time guard of pictures and webhooks (Node's fetch takes no lookup of ours).
 */
async function refusePrivate(url: URL, allowed: ReadonlySet<string>): Promise<void> {
  const host = hostOf(url.toString());
  if (allowed.has(host)) return;
  const addresses = net.isIP(host)
    ? [host]
    : await new Promise<string[]>((resolve) =>
        // A name that does not resolve is left to the fetch, which says so in its own words.
        lookup(host, { all: true }, (err, list: LookupAddress[]) => resolve(err ? [] : list.map((a) => a.address))),
      );
  const bad = addresses.find(isPrivateAddress);
  if (bad) {
    throw new AppError(
      "BAD_REQUEST",
      `The feed's address is refused: ${host}${bad === host ? " is" : ` resolves to ${bad},`} a private address; an admin can allow the host in WIRE_ALLOWED_HOSTS`,
    );
  }
}

async function readLimited(response: Response, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  const reader = response.body?.getReader();
  if (!reader) return Buffer.alloc(0);
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw new AppError("PAYLOAD_TOO_LARGE", `The feed is larger than ${maxBytes / 1048576} MB`);
    }
    chunks.push(Buffer.from(value));
  }
  return Buffer.concat(chunks);
}
