import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../config.js";

const load = (env: Record<string, string>) => loadConfig({ DATA_DIR: "/tmp/ld", ...env });
const problems = (env: Record<string, string>) => {
  try {
    load(env);
  } catch (err) {
    if (err instanceof ConfigError) return err.lines;
    throw err;
  }
  return [];
};

describe("storage settings", () => {
  it("keeps media on the local disk by default", () => {
    expect(load({})).toMatchObject({ storage: { kind: "local" }, mediaPublicUrl: undefined });
  });

  it("reads a bucket on AWS or on another store, path style by default only for another store", () => {
    expect(load({ S3_BUCKET: "news-media", S3_REGION: "eu-west-2" }).storage).toEqual({
      kind: "s3",
      bucket: "news-media",
      endpoint: undefined,
      region: "eu-west-2",
      forcePathStyle: false,
    });
    expect(load({ S3_BUCKET: "news-media", AWS_REGION: "eu-west-1" }).storage).toMatchObject({ region: "eu-west-1" });
    expect(load({ S3_BUCKET: "media", S3_ENDPOINT: "http://127.0.0.1:9000/" }).storage).toEqual({
      kind: "s3",
      bucket: "media",
      endpoint: "http://127.0.0.1:9000",
      region: "us-east-1",
      forcePathStyle: true,
    });
    expect(
      load({ S3_BUCKET: "media", S3_ENDPOINT: "https://r2.example.com", S3_FORCE_PATH_STYLE: "false" }).storage,
    ).toMatchObject({ forcePathStyle: false });
    expect(load({ MEDIA_PUBLIC_URL: "https://cdn.example.com/media/" }).mediaPublicUrl).toBe(
      "https://cdn.example.com/media",
    );
  });

  it("refuses half a configuration with a line naming what to set", () => {
    expect(problems({ S3_ENDPOINT: "http://127.0.0.1:9000", S3_REGION: "eu-west-2" })).toEqual([
      "S3_BUCKET: S3_ENDPOINT, S3_REGION are set but S3_BUCKET is not; set S3_BUCKET to keep media in a bucket, or unset them to keep them in DATA_DIR/media",
    ]);
    expect(problems({ S3_BUCKET: "news-media" })).toEqual([
      "S3_REGION must be set for a bucket on AWS (such as eu-west-2)",
    ]);
    expect(problems({ S3_BUCKET: "media", S3_ENDPOINT: "http://x:9000", AWS_ACCESS_KEY_ID: "AKIA" })).toEqual([
      "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY must be set together (or neither, to use a role)",
    ]);
  });

  it("refuses malformed values", () => {
    expect(problems({ S3_BUCKET: "Media_Bucket" })[0]).toMatch(/^S3_BUCKET must be a bucket name/);
    expect(problems({ S3_BUCKET: "media", S3_ENDPOINT: "ftp://x" })).toEqual([
      "S3_ENDPOINT must be an http:// or https:// URL such as https://s3.example.com",
    ]);
    expect(problems({ MEDIA_PUBLIC_URL: "cdn.example.com" })).toEqual([
      "MEDIA_PUBLIC_URL must be an http:// or https:// URL such as https://media.example.com",
    ]);
    expect(problems({ MEDIA_PUBLIC_URL: "https://cdn.example.com/?v=1" })).toEqual([
      "MEDIA_PUBLIC_URL must have no query or fragment",
    ]);
    expect(problems({ S3_BUCKET: "media", S3_ENDPOINT: "http://x:9000", S3_FORCE_PATH_STYLE: "maybe" })[0]).toMatch(
      /^S3_FORCE_PATH_STYLE/,
    );
  });
});
