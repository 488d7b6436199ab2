import type { FastifyRequest } from "fastify";

// Links that carry a bearer secret must not leave it in request logs: whoever reads the logs (an
// operator, a log service, a backup) would hold every subscriber's confirmation, preferences and
// unsubscribe link and every preview and invitation. The value is replaced; the parameter or path
// stays, so a log still says which page was asked for.

export const REDACTED = "[redacted]";

/** Query parameters whose value is a secret: signed newsletter links (`token`, `t`). */
const SECRET_QUERY = /([?&](?:token|t)=)[^&#]*/gi;
/** Paths whose last segment is a secret: preview links, newsroom invitations. */
const SECRET_PATH = /^((?:\/api\/newsroom)?\/(?:preview|invitations)\/)[^/?#]+/i;

export function redactUrl(url: string): string {
  return url.replace(SECRET_PATH, `$1${REDACTED}`).replace(SECRET_QUERY, `$1${REDACTED}`);
}

/** Fastify's request serializer (method, url, host, remote address and port) with the URL redacted. */
export const logSerializers = {
  req(req: FastifyRequest) {
    return {
      method: req.method,
      url: redactUrl(req.url),
      host: req.host,
      remoteAddress: req.ip,
      remotePort: req.socket ? req.socket.remotePort : undefined,
    };
  },
};
