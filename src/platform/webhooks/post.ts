import http from "node:http";
import https from "node:https";
import net from "node:net";
import { PrivateAddressError, guardedLookup, hostOf, isPrivateAddress } from "./address-guard.js";

// One POST to a receiver, bounded every way a receiver could hold us (docs/adr/033): a deadline for
// the whole exchange, no redirect followed (a 3xx is a failure: the receiver moved, say so), at
// most `maxResponseBytes` of its answer read, and the address guard on every connection.

export interface PostLimits {
  timeoutMs: number;
  maxResponseBytes: number;
  /** Hosts an admin allowed although they resolve to private addresses. */
  allowedHosts: ReadonlySet<string>;
}

export type PostResult =
  | { ok: true; status: number; durationMs: number }
  | { ok: false; status: number | null; durationMs: number; error: string };

export function postJson(
  url: string,
  body: string,
  headers: Record<string, string>,
  limits: PostLimits,
): Promise<PostResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const target = new URL(url);
  const host = hostOf(url);
  // An address in the URL is never looked up, so the guard checks it here.
  if (net.isIP(host) && isPrivateAddress(host) && !limits.allowedHosts.has(host)) {
    const error = new PrivateAddressError(host, host).message;
    return Promise.resolve({ ok: false, status: null, durationMs: 0, error });
  }
  return new Promise((resolve) => {
    let settled = false;
    const finish = (result: PostResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    const request = (target.protocol === "https:" ? https : http).request(target, {
      method: "POST",
      headers: { ...headers, "content-length": String(Buffer.byteLength(body)) },
      lookup: guardedLookup(limits.allowedHosts) as unknown as typeof import("node:dns").lookup,
      agent: false,
    });
    const timer = setTimeout(() => {
      request.destroy();
      finish({ ok: false, status: null, durationMs: elapsed(), error: `No answer within ${limits.timeoutMs} ms` });
    }, limits.timeoutMs);
    request.on("error", (err) =>
      finish({ ok: false, status: null, durationMs: elapsed(), error: err.message.slice(0, 500) }),
    );
    request.on("response", (res) => {
      const status = res.statusCode ?? 0;
      let read = 0;
      res.on("data", (chunk: Buffer) => {
        read += chunk.length;
        // Enough read to know the answer: the rest is not ours to buffer.
        if (read > limits.maxResponseBytes) res.destroy();
      });
      const done = () => {
        if (status >= 200 && status < 300) finish({ ok: true, status, durationMs: elapsed() });
        else if (status >= 300 && status < 400)
          finish({
            ok: false,
            status,
            durationMs: elapsed(),
            error: `Redirect to ${String(res.headers.location ?? "?").slice(0, 200)} not followed: register the new address`,
          });
        else finish({ ok: false, status, durationMs: elapsed(), error: `The receiver answered ${status}` });
      };
      res.on("end", done);
      res.on("close", done);
      res.on("error", done);
    });
    request.end(body);
  });
}
