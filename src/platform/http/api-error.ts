import type { FastifyError } from "fastify";
import { AppError, type ErrorCode } from "../errors.js";

export interface ApiErrorBody {
  error: { code: ErrorCode; message: string; details?: unknown };
}

/**
 * The status and JSON body every JSON API answers an error with: the catalogue's code for our own
 * errors, a code from the status for Fastify's (bad JSON, too large, wrong type), and never the
 * message of an internal error.
 */
export function apiError(error: FastifyError | AppError): { status: number; body: ApiErrorBody } {
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
    body: {
      error: {
        code,
        message: status >= 500 ? "Internal error" : error.message,
        ...(details !== undefined ? { details } : {}),
      },
    },
  };
}
