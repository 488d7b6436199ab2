import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fetchPicture } from "./fetch-picture.js";

// A picture host played by a local server: what it answers, how slowly, and where it redirects.

const server = http.createServer((req, res) => {
  const url = req.url ?? "";
  if (url === "/ok.jpg") return res.writeHead(200, { "content-type": "image/jpeg" }).end(Buffer.alloc(1000, 1));
  if (url === "/moved.jpg") return res.writeHead(302, { location: "/ok.jpg" }).end();
  if (url === "/elsewhere.jpg") return res.writeHead(302, { location: "http://other.example/ok.jpg" }).end();
  if (url === "/loop.jpg") return res.writeHead(302, { location: "/loop.jpg" }).end();
  if (url === "/declared-large.jpg") return res.writeHead(200, { "content-length": "5000" }).end(Buffer.alloc(5000));
  if (url === "/streamed-large.jpg") {
    // No length declared: the reading itself must stop at the limit.
    res.writeHead(200, { "transfer-encoding": "chunked" });
    const timer = setInterval(() => res.write(Buffer.alloc(1000)), 5);
    res.on("close", () => clearInterval(timer));
    return;
  }
  if (url === "/hangs.jpg") return; // never answers
  res.writeHead(404).end();
});
let base = "";
const allowLocal = { timeoutMs: 2000, maxBytes: 2000, allowedHosts: new Set(["127.0.0.1"]) };

describe("fetching a picture", () => {
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it("reads a picture, and follows a redirect within the same host", async () => {
    const direct = await fetchPicture(`${base}/ok.jpg`, allowLocal);
    expect(direct.ok && direct.bytes.length).toBe(1000);
    const moved = await fetchPicture(`${base}/moved.jpg`, allowLocal);
    expect(moved.ok && moved.bytes.length).toBe(1000);
  });

  it("refuses a private address unless its host is allowed, by name as by number", async () => {
    const closed = { ...allowLocal, allowedHosts: new Set<string>() };
    expect(await fetchPicture(`${base}/ok.jpg`, closed)).toEqual({
      ok: false,
      reason: expect.stringMatching(/^127\.0\.0\.1 resolves to 127\.0\.0\.1, a private address/),
    });
    const byName = await fetchPicture(`${base.replace("127.0.0.1", "localhost")}/ok.jpg`, allowLocal);
    expect(byName).toEqual({ ok: false, reason: expect.stringMatching(/^localhost resolves to .*a private address/) });
  });

  it("says why a picture could not be had: status, size, redirects elsewhere or in a loop, silence", async () => {
    expect(await fetchPicture(`${base}/nothing.jpg`, allowLocal)).toEqual({ ok: false, reason: "answered 404" });
    expect(await fetchPicture(`${base}/declared-large.jpg`, allowLocal)).toEqual({
      ok: false,
      reason: "larger than 2 KB",
    });
    expect(await fetchPicture(`${base}/streamed-large.jpg`, { ...allowLocal, maxBytes: 5000 })).toEqual({
      ok: false,
      reason: "larger than 5 KB",
    });
    expect(await fetchPicture(`${base}/elsewhere.jpg`, allowLocal)).toEqual({
      ok: false,
      reason: "redirected to another host (other.example)",
    });
    expect(await fetchPicture(`${base}/loop.jpg`, allowLocal)).toEqual({ ok: false, reason: "more than 3 redirects" });
    const started = Date.now();
    expect(await fetchPicture(`${base}/hangs.jpg`, { ...allowLocal, timeoutMs: 300 })).toEqual({
      ok: false,
      reason: "no answer within 300 ms",
    });
    expect(Date.now() - started).toBeLessThan(2000);
  });
});
