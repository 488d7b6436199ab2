// One catalogue of errors with stable codes; tests assert on code and status, never on message.
export const errorCatalogue = {
  NOT_FOUND: 404,
  GONE: 410,
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  BAD_CREDENTIALS: 401,
  FORBIDDEN: 403,
  CSRF: 403,
  METHOD_NOT_ALLOWED: 405,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  WEAK_PASSWORD: 400,
  NOT_READY: 400,
  EMBARGOED: 409,
  VALIDATION_FAILED: 400,
  URI_TOO_LONG: 400,
  CONFLICT: 409,
  /** Deleting something still referenced; details list what references it. */
  IN_USE: 409,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  UNAVAILABLE: 503,
} as const;

export type ErrorCode = keyof typeof errorCatalogue;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly details: unknown;

  constructor(code: ErrorCode, message: string, options: { cause?: unknown; details?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = "AppError";
    this.code = code;
    this.status = errorCatalogue[code];
    this.details = options.details;
  }
}

export const notFound = (what = "Page") => new AppError("NOT_FOUND", `${what} not found`);
