import {
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";
import { PassThrough, Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { contentTypeOf } from "./content-type.js";
import { describeS3Error, s3Reason, statusOf } from "./s3-errors.js";
import { type Storage, StorageUnavailableError, type StoredObject, TooLargeError, checkKey } from "./storage.js";

/** Where the bucket is; credentials come from the AWS SDK's usual chain unless given (tests). */
export interface S3Settings {
  bucket: string;
  /** A non-AWS store (MinIO, R2, Ceph…); unset, AWS S3 in `region`. */
  endpoint?: string | undefined;
  region: string;
  forcePathStyle: boolean;
  credentials?: { accessKeyId: string; secretAccessKey: string } | undefined;
}

/** Multipart part size: lib-storage holds `partSize × queueSize` in memory per upload. */
export const PART_SIZE = 8 * 1024 * 1024;
const QUEUE_SIZE = 2;

/** A listed object: its key, size and ETag (quoted, as S3 sends it). */
export interface ListedObject {
  key: string;
  size: number;
  etag: string;
}

const isNotFound = (err: unknown) =>
  statusOf(err) === 404 || (err instanceof S3ServiceException && ["NoSuchKey", "NotFound"].includes(err.name));

/** A missing key reads like a missing file (ENOENT), as with the local disk. */
function notFound(key: string): NodeJS.ErrnoException {
  const err: NodeJS.ErrnoException = new Error(`No such object: ${key}`);
  err.code = "ENOENT";
  return err;
}

/**
 * Storage in an S3-compatible bucket. Every write is a single PUT (buffers, small streams) or a
 * multipart upload (streams over one part), and S3 makes an object visible only when it is
 * complete, so the Storage promise holds: a failed upload leaves the old object or none (a failed
 * multipart upload is aborted, its parts removed). Reads stream; a range is a ranged GET.
 */
export class S3Storage implements Storage {
  readonly client: S3Client;
  readonly bucket: string;

  constructor(readonly settings: S3Settings) {
    this.bucket = settings.bucket;
    this.client = new S3Client({
      region: settings.region,
      forcePathStyle: settings.forcePathStyle,
      ...(settings.endpoint ? { endpoint: settings.endpoint } : {}),
      ...(settings.credentials ? { credentials: settings.credentials } : {}),
    });
  }

  localPath(): undefined {
    return undefined;
  }

  async write(key: string, data: Buffer | Readable, options: { maxBytes?: number } = {}): Promise<{ bytes: number }> {
    checkKey(key);
    const max = options.maxBytes ?? Number.POSITIVE_INFINITY;
    const ContentType = contentTypeOf(key);
    if (Buffer.isBuffer(data)) {
      if (data.length > max) throw new TooLargeError(max);
      await this.client.send(
        new PutObjectCommand({ Bucket: this.bucket, Key: key, Body: data, ContentLength: data.length, ContentType }),
      );
      return { bytes: data.length };
    }
    let bytes = 0;
    let sourceError: unknown;
    async function* counted() {
      try {
        for await (const chunk of data as AsyncIterable<Buffer>) {
          bytes += chunk.length;
          if (bytes > max) throw new TooLargeError(max);
          yield chunk;
        }
      } catch (err) {
        sourceError = err;
        throw err;
      }
    }
    const upload = new Upload({
      client: this.client,
      params: { Bucket: this.bucket, Key: key, Body: Readable.from(counted()), ContentType },
      partSize: PART_SIZE,
      queueSize: QUEUE_SIZE,
      leavePartsOnError: false,
    });
    try {
      await upload.done();
    } catch (err) {
      if (!data.destroyed) data.destroy();
      // The source's own error (a dropped connection, too many bytes) says more than the SDK's wrap.
      throw sourceError ?? err;
    }
    return { bytes };
  }

  read(key: string, range?: { start: number; end: number }): Readable {
    checkKey(key);
    const out = new PassThrough();
    const abort = new AbortController();
    out.once("close", () => abort.abort());
    this.client
      .send(
        new GetObjectCommand({
          Bucket: this.bucket,
          Key: key,
          ...(range ? { Range: `bytes=${range.start}-${range.end}` } : {}),
        }),
        { abortSignal: abort.signal },
      )
      .then(
        (res) => {
          const body = res.Body as Readable;
          if (!range) return pipeline(body, out);
          // A store that sends more than the range asked (a whole file with 200, or s3rver, which
          // reads "bytes=0-0" as "bytes=0-") is cut to the range, so callers always get exact bytes.
          const sentFrom = Number(/^bytes (\d+)-/.exec(res.ContentRange ?? "")?.[1] ?? 0);
          return pipeline(body, exactly(range.start - sentFrom, range.end - range.start + 1), out);
        },
        (err: unknown) => {
          throw isNotFound(err) ? notFound(key) : err;
        },
      )
      .catch((err: unknown) => {
        if (!out.destroyed) out.destroy(err as Error);
      });
    return out;
  }

  async stat(key: string): Promise<StoredObject | undefined> {
    checkKey(key);
    try {
      const head = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return {
        size: head.ContentLength ?? 0,
        modifiedAt: head.LastModified ?? new Date(0),
        ...(head.ETag ? { etag: head.ETag } : {}),
        ...(head.ContentType ? { contentType: head.ContentType } : {}),
      };
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
  }

  async remove(key: string): Promise<void> {
    checkKey(key);
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
  }

  async removePrefix(prefix: string): Promise<void> {
    const base = `${checkKey(prefix.replace(/\/$/, ""))}/`;
    for await (const page of this.pages(base)) {
      if (page.length === 0) continue;
      const res = await this.client.send(
        new DeleteObjectsCommand({
          Bucket: this.bucket,
          Delete: { Objects: page.map((o) => ({ Key: o.key })), Quiet: true },
        }),
      );
      const failed = res.Errors?.[0];
      if (failed) throw new Error(`Could not remove ${failed.Key ?? "an object"}: ${failed.Message ?? failed.Code}`);
    }
  }

  /** Every object under `prefix` ("" for the whole bucket), a page (up to 1,000) at a time. */
  async *pages(prefix = ""): AsyncGenerator<ListedObject[]> {
    let token: string | undefined;
    do {
      const res = await this.client.send(
        new ListObjectsV2Command({
          Bucket: this.bucket,
          ...(prefix ? { Prefix: prefix } : {}),
          ...(token ? { ContinuationToken: token } : {}),
        }),
      );
      yield (res.Contents ?? []).map((o) => ({ key: o.Key ?? "", size: o.Size ?? 0, etag: o.ETag ?? "" }));
      token = res.IsTruncated ? res.NextContinuationToken : undefined;
    } while (token);
  }

  /**
   * Checks that the bucket can be listed with these credentials; throws an error that says which
   * setting is wrong (the bucket's name, the credentials, the endpoint).
   */
  async check(): Promise<void> {
    try {
      // A prefix no key can have ("." never starts a key): lists nothing, yet proves the bucket
      // exists and the credentials may list it, without paging through it.
      await this.client.send(new ListObjectsV2Command({ Bucket: this.bucket, Prefix: ".london-daily-check/" }));
    } catch (err) {
      throw new StorageUnavailableError("unreachable", s3Reason(err), describeS3Error(err, this.settings), {
        cause: err,
      });
    }
  }

  close(): void {
    this.client.destroy();
  }
}

/** A stream step that drops `skip` bytes, passes `take` bytes and ends. */
function exactly(skip: number, take: number) {
  return async function* (source: AsyncIterable<Buffer>) {
    let toSkip = skip;
    let left = take;
    for await (const chunk of source) {
      let piece = chunk;
      if (toSkip > 0) {
        const dropped = Math.min(toSkip, piece.length);
        piece = piece.subarray(dropped);
        toSkip -= dropped;
      }
      if (piece.length === 0) continue;
      yield piece.subarray(0, left);
      left -= Math.min(left, piece.length);
      if (left === 0) return;
    }
  };
}
