import net from "node:net";
import type { FastifyInstance } from "fastify";

// Stopping without dropping anyone (docs/adr/013). On SIGTERM the listener closes at once, so a
// load balancer sees new connections refused; every answer from then on carries
// `Connection: close`, so a client learns not to reuse its socket; a socket that sits idle is
// kept for a short grace, so a request a client sends on it just after the signal is answered
// rather than reset; and a request still running at the deadline (a slow download) is cut, so
// the process always ends in bounded time.

export interface GracefulCloseOptions {
  /** Longest time requests in progress may take before their sockets are destroyed. */
  deadlineMs: number;
  /** How long an idle kept-alive socket stays open for a last request (at most the deadline). */
  idleGraceMs?: number;
}

/**
 * Registers the hook that marks answers `Connection: close` while closing; call before listen.
 * Returns `close()`, which resolves once every connection is gone and the app is closed, and
 * tells whether the deadline had to cut requests short.
 */
export function gracefulClose(
  app: FastifyInstance,
  { deadlineMs, idleGraceMs = 1_000 }: GracefulCloseOptions,
): () => Promise<{ cut: boolean }> {
  let closing = false;
  app.addHook("onRequest", async (_request, reply) => {
    if (closing) reply.header("connection", "close");
  });
  return async () => {
    closing = true;
    const server = app.server;
    let cut = false;
    // net.Server's close, not http.Server's: the latter also drops idle kept-alive sockets at once,
    // resetting a request that a client is sending on one at that moment.
    const drained = new Promise<void>((resolve) => net.Server.prototype.close.call(server, () => resolve()));
    const idle = setTimeout(() => server.closeIdleConnections(), Math.min(idleGraceMs, deadlineMs));
    const deadline = setTimeout(() => {
      cut = true;
      server.closeAllConnections();
    }, deadlineMs);
    try {
      await drained;
    } finally {
      clearTimeout(idle);
      clearTimeout(deadline);
    }
    await app.close();
    return { cut };
  };
}
