import { createHash } from "node:crypto";
import { promisify } from "node:util";
import zlib from "node:zlib";
import { type CachedPage, pageBytes } from "./page-store.js";

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

/** What a render hands the cache: the bytes and what they show. */
export interface RenderedPage {
  body: string | Buffer;
  contentType: string;
  tags: Iterable<string>;
  /** How long the page stays fresh in the process; the cache's default when absent. */
  ttlMs?: number;
  meta?: unknown;
}

// Below this a compressed body saves less than its headers cost (the same threshold as the
// compress plugin's); text types only.
const COMPRESS_MIN_BYTES = 1024;
const compressible = (type: string) => /^(text\/|application\/(?:[\w.+-]*\+)?(?:xml|json))/.test(type);

/**
 * Makes a stored page: the ETag from the bytes, and the brotli and gzip variants made once, off
 * the event loop (zlib's thread pool), at a strong setting since every later hit reuses them.
 */
export async function preparePage(
  key: string,
  rendered: RenderedPage,
  times: { storedAt: number; expiresAt: number },
): Promise<CachedPage> {
  const body = typeof rendered.body === "string" ? Buffer.from(rendered.body) : rendered.body;
  const squeeze = body.length >= COMPRESS_MIN_BYTES && compressible(rendered.contentType);
  const [br, gz] = squeeze
    ? await Promise.all([
        brotli(body, {
          params: {
            [zlib.constants.BROTLI_PARAM_QUALITY]: 9,
            [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
            [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length,
          },
        }),
        gzip(body, { level: 9 }),
      ])
    : [undefined, undefined];
  const page: Omit<CachedPage, "bytes"> = {
    key,
    contentType: rendered.contentType,
    body,
    br,
    gzip: gz,
    etag: `W/"${createHash("sha1").update(body).digest("base64url").slice(0, 22)}"`,
    tags: [...new Set(rendered.tags)],
    storedAt: times.storedAt,
    expiresAt: times.expiresAt,
    meta: rendered.meta,
  };
  return { ...page, bytes: pageBytes(page) };
}

/** The variant to send for an Accept-Encoding header: brotli first, then gzip, else the bytes. */
export function chooseEncoding(page: CachedPage, acceptEncoding: string | undefined): "br" | "gzip" | undefined {
  if (!acceptEncoding || !page.gzip) return undefined;
  const accepted = parseAcceptEncoding(acceptEncoding);
  if (page.br && accepted("br")) return "br";
  if (accepted("gzip")) return "gzip";
  return undefined;
}

/** RFC 9110 §12.5.3: a coding is acceptable if listed (or `*`) with q > 0. */
function parseAcceptEncoding(header: string): (coding: string) => boolean {
  const q = new Map<string, number>();
  for (const part of header.split(",")) {
    const [name, ...params] = part.trim().toLowerCase().split(";");
    if (!name) continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    const value = qParam ? Number(qParam.slice(2)) : 1;
    q.set(name, Number.isFinite(value) ? value : 0);
  }
  return (coding) => (q.get(coding) ?? q.get("*") ?? 0) > 0;
}

/** If-None-Match against the page's validator (weak comparison, RFC 9110 §13.1.2). */
export function matchesEtag(page: Pick<CachedPage, "etag">, ifNoneMatch: string | undefined): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === "*") return true;
  const bare = (tag: string) => tag.trim().replace(/^W\//, "");
  const ours = bare(page.etag);
  return ifNoneMatch.split(",").some((tag) => bare(tag) === ours);
}
