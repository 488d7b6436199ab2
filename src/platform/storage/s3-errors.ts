import type { S3Settings } from "./s3-storage.js";

// What went wrong with the bucket, said twice: for the operator, naming the setting to look at,
// and for /healthz, in a few words that name no bucket or host.

export const statusOf = (err: unknown) =>
  (err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;

type S3Fault = "no-bucket" | "refused" | "no-credentials" | "denied" | "region" | "unreachable" | "other";

function classifyS3Error(err: unknown): { fault: S3Fault; name: string; code: string | undefined } {
  const name = err instanceof Error ? err.name : "";
  const code = (err as { code?: string }).code;
  const status = statusOf(err);
  const fault: S3Fault =
    name === "NoSuchBucket" || (status === 404 && name !== "NoSuchKey")
      ? "no-bucket"
      : ["InvalidAccessKeyId", "SignatureDoesNotMatch", "InvalidToken", "ExpiredToken"].includes(name)
        ? "refused"
        : name === "CredentialsProviderError"
          ? "no-credentials"
          : name === "AccessDenied" || status === 403
            ? "denied"
            : name === "PermanentRedirect" || name === "AuthorizationHeaderMalformed" || status === 301
              ? "region"
              : code && ["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "ECONNRESET", "ETIMEDOUT"].includes(code)
                ? "unreachable"
                : "other";
  return { fault, name, code };
}

/** An S3 failure in words an operator can act on, naming the setting to look at. */
export function describeS3Error(err: unknown, settings: Pick<S3Settings, "bucket" | "endpoint" | "region">): string {
  const where = settings.endpoint ? `at ${settings.endpoint}` : `in AWS region ${settings.region}`;
  const { fault, name, code } = classifyS3Error(err);
  switch (fault) {
    case "no-bucket":
      return `S3_BUCKET: the bucket "${settings.bucket}" does not exist ${where}`;
    case "refused":
      return `AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY: the store ${where} refused the credentials (${name})`;
    case "no-credentials":
      return "AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY: no credentials found (set both, or give the machine a role)";
    case "denied":
      return `S3_BUCKET: access to the bucket "${settings.bucket}" ${where} was denied; the credentials need s3:ListBucket, s3:GetObject, s3:PutObject and s3:DeleteObject on it`;
    case "region":
      return `S3_REGION: the bucket "${settings.bucket}" is not in ${settings.region}`;
    case "unreachable":
      return `S3_ENDPOINT: the store ${where} could not be reached (${code})`;
    default:
      return `S3: the bucket "${settings.bucket}" ${where} could not be used: ${err instanceof Error ? err.message : String(err)}`;
  }
}

/** The same failure in a few words that name no bucket or host (what /healthz shows). */
export function s3Reason(err: unknown): string {
  const { fault, name, code } = classifyS3Error(err);
  switch (fault) {
    case "no-bucket":
      return "the bucket does not exist";
    case "refused":
      return `the store refused the credentials (${name})`;
    case "no-credentials":
      return "no credentials for the store";
    case "denied":
      return "access to the bucket was denied";
    case "region":
      return "the bucket is in another region";
    case "unreachable":
      return `the store could not be reached (${code})`;
    default:
      return `the store failed (${name || code || "error"})`;
  }
}
