import { describe, expect, it } from "vitest";
import { ApiError, NetworkError } from "../api.js";
import { type ChunkRange, UploadCancelled, type UploadTransport, uploadInChunks } from "./chunked-upload.js";
import type { VideoItem } from "./video-types.js";

// The resume logic against an in-memory server that keeps what it was sent: the transport is the
// seam, the server's rules (start at the stored offset, 409 otherwise) are the README's.

class FakeServer implements UploadTransport {
  stored: Uint8Array[] = [];
  received = 0;
  total = 0;
  puts: ChunkRange[] = [];
  statusCalls = 0;
  /** Called before each PUT is stored; throw to make that PUT fail. */
  beforePut: (n: number, range: ChunkRange) => void = () => undefined;
  /** Called after a PUT is stored but before it answers (the answer is lost). */
  afterStore: (n: number) => void = () => undefined;
  createError: Error | undefined;

  async create(input: { filename: string; totalBytes: number }) {
    if (this.createError) throw this.createError;
    this.total = input.totalBytes;
    return this.state();
  }
  async status() {
    this.statusCalls += 1;
    return this.state();
  }
  async put(_id: string, chunk: Blob, range: ChunkRange) {
    const n = this.puts.push(range);
    this.beforePut(n, range);
    if (range.first !== this.received)
      throw new ApiError(409, "CONFLICT", `send from byte ${this.received}`, { received: this.received });
    this.stored.push(new Uint8Array(await chunk.arrayBuffer()));
    this.received += chunk.size;
    this.afterStore(n);
    const state = this.state();
    return state.complete ? { ...state, video: video(7) } : state;
  }
  async video(id: number) {
    return video(id);
  }
  bytes(): number[] {
    return this.stored.flatMap((c) => [...c]);
  }
  private state() {
    const complete = this.total > 0 && this.received === this.total;
    return {
      id: "u1",
      filename: "clip.mp4",
      received: this.received,
      totalBytes: this.total,
      complete,
      videoId: complete ? 7 : null,
    };
  }
}

const video = (id: number) => ({ id, title: "Clip", status: "uploaded" }) as VideoItem;
const fileOf = (n: number) =>
  Object.assign(new Blob([Uint8Array.from({ length: n }, (_, i) => i % 251)]), { name: "clip.mp4" });
const noWait = async () => undefined;
const expected = (n: number) => Array.from({ length: n }, (_, i) => i % 251);

describe("uploadInChunks", () => {
  it("sends the file in Content-Range chunks and reports progress", async () => {
    const server = new FakeServer();
    const progress: number[] = [];
    const result = await uploadInChunks(fileOf(25), server, {
      chunkBytes: 10,
      onProgress: (sent) => progress.push(sent),
    });
    expect(result.id).toBe(7);
    expect(server.puts).toEqual([
      { first: 0, last: 9, total: 25 },
      { first: 10, last: 19, total: 25 },
      { first: 20, last: 24, total: 25 },
    ]);
    expect(progress).toEqual([0, 10, 20, 25]);
    expect(server.bytes()).toEqual(expected(25));
  });

  it("after a dropped connection asks the server for its offset and sends only what is missing", async () => {
    const server = new FakeServer();
    // The second chunk reaches the server but its answer is lost (it is not sent again); the fourth
    // never leaves.
    server.afterStore = (n) => {
      if (n === 2) throw new NetworkError("reset");
    };
    server.beforePut = (n) => {
      if (n === 4) throw new NetworkError("offline");
    };
    const retries: number[] = [];
    const result = await uploadInChunks(fileOf(40), server, {
      chunkBytes: 10,
      wait: noWait,
      onRetry: (attempt) => retries.push(attempt),
    });
    expect(result.id).toBe(7);
    expect(server.puts.map((r) => r.first)).toEqual([0, 10, 20, 30, 30]);
    expect(server.statusCalls).toBe(2);
    expect(retries).toEqual([1, 1]);
    expect(server.bytes()).toEqual(expected(40));
  });

  it("follows the server's offset when a 409 says it differs", async () => {
    const server = new FakeServer();
    server.beforePut = (n) => {
      // Another tab sent the first chunk meanwhile.
      if (n === 1) {
        server.stored.push(Uint8Array.from(expected(10)));
        server.received = 10;
      }
    };
    await uploadInChunks(fileOf(20), server, { chunkBytes: 10, wait: noWait });
    expect(server.puts.map((r) => r.first)).toEqual([0, 10]);
    expect(server.bytes()).toEqual(expected(20));
  });

  it("gives up after the retries, waiting longer each time", async () => {
    const server = new FakeServer();
    server.beforePut = () => {
      throw new ApiError(503, "HTTP_503", "Service Unavailable");
    };
    const waits: number[] = [];
    await expect(
      uploadInChunks(fileOf(20), server, {
        chunkBytes: 10,
        maxRetries: 3,
        wait: async (ms) => void waits.push(ms),
      }),
    ).rejects.toMatchObject({ status: 503 });
    expect(waits).toEqual([500, 1000, 2000]);
    expect(server.puts).toHaveLength(4);
  });

  it("stops at once on an error about the file: 415, 413, 400", async () => {
    for (const [status, code] of [
      [415, "UNSUPPORTED_MEDIA_TYPE"],
      [400, "BAD_REQUEST"],
    ] as const) {
      const server = new FakeServer();
      server.beforePut = (n) => {
        if (n === 2) throw new ApiError(status, code, "This file is not a video we take");
      };
      await expect(uploadInChunks(fileOf(20), server, { chunkBytes: 10, wait: noWait })).rejects.toMatchObject({
        code,
      });
      expect(server.puts).toHaveLength(2);
      expect(server.statusCalls).toBe(0);
    }
    const tooLarge = new FakeServer();
    tooLarge.createError = new ApiError(413, "PAYLOAD_TOO_LARGE", "Videos may be at most 10 bytes");
    await expect(uploadInChunks(fileOf(20), tooLarge)).rejects.toMatchObject({ status: 413 });
    expect(tooLarge.puts).toHaveLength(0);
  });

  it("finishes with the video when the last chunk was stored but its answer lost", async () => {
    const server = new FakeServer();
    server.afterStore = (n) => {
      if (n === 2) throw new NetworkError("reset");
    };
    const result = await uploadInChunks(fileOf(20), server, { chunkBytes: 10, wait: noWait });
    expect(result.id).toBe(7);
    expect(server.puts).toHaveLength(2);
  });

  it("stops between chunks when cancelled", async () => {
    const server = new FakeServer();
    const controller = new AbortController();
    await expect(
      uploadInChunks(fileOf(30), server, {
        chunkBytes: 10,
        signal: controller.signal,
        onProgress: (sent) => sent === 10 && controller.abort(),
      }),
    ).rejects.toBeInstanceOf(UploadCancelled);
    expect(server.puts).toHaveLength(1);
  });
});
