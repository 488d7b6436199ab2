import http from "node:http";
import https from "node:https";
import net from "node:net";
import { PrivateAddressError, guardedLookup, hostOf, isPrivateAddress } from "./address-guard.js";

// Fetching a picture whose address came from outside (a wire item, an imported site's export).
// Bounded (a deadline for the whole fetch, a size limit, at most three redirects within the same
// host), and every connection goes through the address guard (docs/adr/033): no loopback, private,
// link-local or reserved address unless the operator allowed the host (WIRE_ALLOWED_HOSTS). The
// check is on the address actually connected to, so a name that resolves to 127.0.0.1 is caught.

export interface PictureFetchOptions {
  timeoutMs: number;
  maxBytes: number;
  /** Hosts allowed although they resolve to private addresses. */
  allowedHosts: ReadonlySet<string>;
  /** Who asks, in the User-Agent header. */
  userAgent?: string;
}

export type PictureFetchResult = { ok: true; bytes: Buffer } | { ok: false; reason: string };

const MAX_REDIRECTS = 3;

export async function fetchPicture(url: string, options: PictureFetchOptions): Promise<PictureFetchResult> {
  const deadline = Date.now() + options.timeoutMs;
  const origin = new URL(url);
  let target = origin;
  for (let hop = 0; ; hop++) {
    const host = hostOf(target.toString());
    // An address written in the URL is never looked up, so the guard checks it here.
    if (net.isIP(host) && isPrivateAddress(host) && !options.allowedHosts.has(host))
      return { ok: false, reason: new PrivateAddressError(host, host).message };
    const answer = await getOnce(target, options, deadline - Date.now());
    if ("redirect" in answer) {
      const next = new URL(answer.redirect, target);
      if (next.host !== origin.host) return { ok: false, reason: `redirected to another host (${next.host})` };
      if (hop >= MAX_REDIRECTS) return { ok: false, reason: `more than ${MAX_REDIRECTS} redirects` };
      target = next;
      continue;
    }
    return answer;
  }
}

type Answer = PictureFetchResult | { redirect: string };

function getOnce(target: URL, options: PictureFetchOptions, timeoutMs: number): Promise<Answer> {
  if (target.protocol !== "http:" && target.protocol !== "https:")
    return Promise.resolve({ ok: false, reason: "not an http(s) address" });
  if (timeoutMs <= 0) return Promise.resolve({ ok: false, reason: timedOut(options.timeoutMs) });
  return new Promise((resolve) => {
    let settled = false;
    const finish = (answer: Answer) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      request.destroy();
      resolve(answer);
    };
    const request = (target.protocol === "https:" ? https : http).get(target, {
      headers: {
        accept: "image/avif,image/webp,image/png,image/jpeg,image/gif;q=0.9",
        "user-agent": options.userAgent ?? "LondonDaily-Wire/1",
      },
      lookup: guardedLookup(options.allowedHosts) as unknown as typeof import("node:dns").lookup,
      agent: false,
    });
    const timer = setTimeout(() => finish({ ok: false, reason: timedOut(options.timeoutMs) }), timeoutMs);
    request.on("error", (error) => finish({ ok: false, reason: describe(error) }));
    request.on("response", (res) => {
      const status = res.statusCode ?? 0;
      if (status >= 300 && status < 400) {
        const location = res.headers.location;
        return finish(
          location ? { redirect: location } : { ok: false, reason: `answered ${status} without a Location` },
        );
      }
      if (status !== 200) return finish({ ok: false, reason: `answered ${status}` });
      const declared = Number(res.headers["content-length"]);
      if (declared > options.maxBytes) return finish({ ok: false, reason: tooLarge(options.maxBytes) });
      const chunks: Buffer[] = [];
      let size = 0;
      res.on("data", (chunk: Buffer) => {
        size += chunk.length;
        if (size > options.maxBytes) return finish({ ok: false, reason: tooLarge(options.maxBytes) });
        chunks.push(chunk);
      });
      res.on("end", () => finish({ ok: true, bytes: Buffer.concat(chunks) }));
      res.on("error", (error) => finish({ ok: false, reason: describe(error) }));
      res.on("close", () => {
        if (!res.complete) finish({ ok: false, reason: "the connection closed before the end" });
      });
    });
  });
}

const timedOut = (ms: number) => `no answer within ${ms < 1000 ? `${ms} ms` : `${Math.round(ms / 1000)} s`}`;
const tooLarge = (max: number) =>
  `larger than ${max >= 1048576 ? `${Math.round(max / 1048576)} MB` : `${Math.round(max / 1024)} KB`}`;

function describe(error: Error): string {
  const code = (error as { code?: string }).code;
  if (error instanceof PrivateAddressError || code === "EPRIVATEADDRESS") return error.message;
  if (code === "ENOTFOUND" || code === "EAI_AGAIN") return "the host could not be found";
  if (code === "ECONNREFUSED") return "the connection was refused";
  return (code ? `${code}: ` : "") + error.message.slice(0, 200);
}
