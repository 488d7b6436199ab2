import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { AppError } from "../errors.js";
import { contentTypeOf } from "./content-type.js";
import { type Storage, type StoredObject, checkKey } from "./storage.js";

export type ByteRange = { start: number; end: number };

/**
 * One byte range of a `size`-byte file from a Range header (RFC 9110 §14.2): the range, "none"
 * (no header, several ranges or one we cannot parse: the whole file is sent, as @fastify/static
 * does) or "unsatisfiable" (416).
 */
export function parseRange(header: string | undefined, size: number): ByteRange | "none" | "unsatisfiable" {
  const m = header === undefined ? null : /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === "" && m[2] === "")) return "none";
  if (m[1] === "") {
    const suffix = Number(m[2]);
    if (suffix === 0 || size === 0) return "unsatisfiable";
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(m[1]);
  const end = m[2] === "" ? size - 1 : Math.min(Number(m[2]), size - 1);
  if (m[2] !== "" && Number(m[2]) < start) return "none";
  if (start >= size) return "unsatisfiable";
  return { start, end };
}

const opaque = (tag: string) => tag.trim().replace(/^W\//, "");

/** If-None-Match (weak comparison) or, without it, If-Modified-Since (RFC 9110 §13.1). */
function notModified(req: FastifyRequest, file: StoredObject): boolean {
  const inm = req.headers["if-none-match"];
  if (inm !== undefined) {
    if (inm.trim() === "*") return true;
    return file.etag !== undefined && inm.split(",").some((t) => opaque(t) === opaque(file.etag!));
  }
  const ims = Date.parse(req.headers["if-modified-since"] ?? "");
  return Number.isFinite(ims) && Math.floor(file.modifiedAt.getTime() / 1000) * 1000 <= ims;
}

/** If-Range: the range holds only while the file is the one the client has (strong ETag or the date). */
function rangeStillValid(req: FastifyRequest, file: StoredObject): boolean {
  const header = req.headers["if-range"];
  if (header === undefined) return true;
  const ifRange = String(header).trim();
  if (ifRange.startsWith('"') || ifRange.startsWith("W/"))
    return file.etag !== undefined && !ifRange.startsWith("W/") && ifRange === file.etag;
  const at = Date.parse(ifRange);
  return Number.isFinite(at) && Math.floor(file.modifiedAt.getTime() / 1000) * 1000 === at;
}

/**
 * Serves the files of a Storage under `prefix` (GET and HEAD) as @fastify/static serves the local
 * disk: the object's ETag and Last-Modified, 304 for a matching If-None-Match/If-Modified-Since, one
 * byte range (206, If-Range, 416 naming the size), and a Cache-Control of `maxAgeSeconds`. Bodies
 * are streamed from the store, never held in memory.
 */
export function registerStorageRoute(
  app: FastifyInstance,
  options: { prefix: string; storage: Storage; maxAgeSeconds: number },
): void {
  const { storage, prefix } = options;
  const handler = async (req: FastifyRequest, reply: FastifyReply) => {
    const key = (req.params as { "*": string })["*"];
    try {
      checkKey(key);
    } catch {
      return reply.callNotFound();
    }
    let file: StoredObject | undefined;
    try {
      file = await storage.stat(key);
    } catch (err) {
      throw new AppError("UNAVAILABLE", "The media store could not be reached", { cause: err });
    }
    if (!file) return reply.callNotFound();
    reply.header("accept-ranges", "bytes");
    reply.header("cache-control", `public, max-age=${options.maxAgeSeconds}`);
    reply.header("last-modified", file.modifiedAt.toUTCString());
    if (file.etag) reply.header("etag", file.etag);
    if (notModified(req, file)) return reply.code(304).send();
    reply.header("content-type", file.contentType ?? contentTypeOf(key));
    const range = rangeStillValid(req, file) ? parseRange(req.headers.range, file.size) : "none";
    if (range === "unsatisfiable") throw rangeError(file.size);
    const bytes = range === "none" ? file.size : range.end - range.start + 1;
    if (range !== "none") {
      reply.code(206);
      reply.header("content-range", `bytes ${range.start}-${range.end}/${file.size}`);
    }
    reply.header("content-length", bytes);
    if (req.method === "HEAD" || bytes === 0) return reply.send();
    return reply.send(storage.read(key, range === "none" ? undefined : range));
  };
  app.route({ method: ["GET", "HEAD"], url: `${prefix}*`, handler });
}

/** The 416 as @fastify/static raises it: the app's error handler copies its Content-Range. */
function rangeError(size: number): Error {
  return Object.assign(new Error("Range Not Satisfiable"), {
    statusCode: 416,
    headers: { "Content-Range": `bytes */${size}` },
  });
}
