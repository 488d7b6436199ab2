import { z } from "zod";
import type { S3Settings } from "./s3-storage.js";

/** Where media live: the local disk (DATA_DIR/media, the default) or an S3-compatible bucket. */
export type StorageSettings = { kind: "local" } | ({ kind: "s3" } & S3Settings);

export const storageEnvSchema = {
  S3_BUCKET: z
    .string()
    .regex(
      /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/,
      "S3_BUCKET must be a bucket name: 3 to 63 lower-case letters, digits, dots and hyphens",
    )
    .optional(),
  S3_ENDPOINT: z
    .url({
      protocol: /^https?$/,
      error: "S3_ENDPOINT must be an http:// or https:// URL such as https://s3.example.com",
    })
    .optional(),
  S3_REGION: z
    .string()
    .regex(/^[a-z0-9-]+$/, "S3_REGION must be a region name such as eu-west-2")
    .optional(),
  S3_FORCE_PATH_STYLE: z.enum(["true", "false", "1", "0", "yes", "no"]).optional(),
  MEDIA_PUBLIC_URL: z
    .url({
      protocol: /^https?$/,
      error: "MEDIA_PUBLIC_URL must be an http:// or https:// URL such as https://media.example.com",
    })
    .refine((v) => !/[?#]/.test(v), "MEDIA_PUBLIC_URL must have no query or fragment")
    .optional(),
  AWS_ACCESS_KEY_ID: z.string().optional(),
  AWS_SECRET_ACCESS_KEY: z.string().optional(),
  AWS_REGION: z.string().optional(),
};

type StorageEnv = { [K in keyof typeof storageEnvSchema]?: string | undefined };

/**
 * The storage settings, all or nothing: S3_ENDPOINT, S3_REGION or S3_FORCE_PATH_STYLE without
 * S3_BUCKET is a mistake (media would silently stay on the local disk), and so is one AWS key
 * without the other. Credentials themselves are left to the AWS SDK (environment, profile, role).
 */
export function storageSettings(e: StorageEnv): StorageSettings | string[] {
  const problems: string[] = [];
  if ((e.AWS_ACCESS_KEY_ID === undefined) !== (e.AWS_SECRET_ACCESS_KEY === undefined))
    problems.push("AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY must be set together (or neither, to use a role)");
  if (!e.S3_BUCKET) {
    const stray = (["S3_ENDPOINT", "S3_REGION", "S3_FORCE_PATH_STYLE"] as const).filter((k) => e[k] !== undefined);
    if (stray.length > 0)
      problems.push(
        `S3_BUCKET: ${stray.join(", ")} ${stray.length > 1 ? "are" : "is"} set but S3_BUCKET is not; set S3_BUCKET to keep media in a bucket, or unset ${stray.length > 1 ? "them" : "it"} to keep them in DATA_DIR/media`,
      );
    return problems.length > 0 ? problems : { kind: "local" };
  }
  const region = e.S3_REGION ?? e.AWS_REGION ?? (e.S3_ENDPOINT ? "us-east-1" : undefined);
  if (!region) problems.push("S3_REGION must be set for a bucket on AWS (such as eu-west-2)");
  if (problems.length > 0) return problems;
  const pathStyle = e.S3_FORCE_PATH_STYLE;
  return {
    kind: "s3",
    bucket: e.S3_BUCKET,
    endpoint: e.S3_ENDPOINT?.replace(/\/+$/, ""),
    region: region!,
    // Most self-hosted stores (MinIO, Ceph) answer only path-style requests; AWS prefers virtual hosts.
    forcePathStyle: pathStyle === undefined ? e.S3_ENDPOINT !== undefined : ["true", "1", "yes"].includes(pathStyle),
  };
}

/** "https://media.example.com/" → "https://media.example.com": keys are appended after a slash. */
export const mediaPublicBase = (url: string | undefined) => url?.replace(/\/+$/, "");
