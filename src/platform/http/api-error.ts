import type { FastifyError } from "fastify";
import { RETRY_AFTER_SECONDS, databaseUnavailable, isDatabaseUnavailable } from "../db/unavailable.js";
import { AppError, type ErrorCode } from "../errors.js";

export interface ApiErrorBody {
  error: { code: ErrorCode; message: string; details?: unknown };
}

/**
 * The status and JSON body every JSON API answers an error with: the catalogue's code for our own
 * errors, a code from the status for Fastify's (bad JSON, too large, wrong type), and never the
 * message of an internal error. A database that cannot be reached is 503 with Retry-After (in `headers`).
 */
export function apiError(thrown: FastifyError | AppError): {
  status: number;
  body: ApiErrorBody;
  headers: Record<string, string>;
} {
  const error = isDatabaseUnavailable(thrown) ? databaseUnavailable(thrown) : thrown;
  const raw = error instanceof AppError ? error.status : (error.statusCode ?? 500);
  const status = raw >= 400 && raw < 600 ? raw : 500;
  const code: ErrorCode =
    error instanceof AppError
      ? error.code
      : status === 404
        ? "NOT_FOUND"
        : status === 413
          ? "PAYLOAD_TOO_LARGE"
          : status === 415
            ? "UNSUPPORTED_MEDIA_TYPE"
            : status >= 500
              ? "INTERNAL"
              : "BAD_REQUEST";
  const details = error instanceof AppError ? error.details : undefined;
  return {
    status,
    headers: status === 503 ? { "retry-after": String(RETRY_AFTER_SECONDS) } : {},
    body: {
      error: {
        code,
        message: status >= 500 && status !== 503 ? "Internal error" : error.message,
        ...(details !== undefined ? { details } : {}),
      },
    },
  };
}
