import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { portClosesWithin } from "../test/support/ports.js";
import { type ServerProcess, startServerProcess } from "../test/support/server-process.js";

// Stopping the server as a process manager or a container does: SIGTERM. The real server runs in
// its own process; sockets are raw so that a reset is seen as a reset.

let server: ServerProcess | undefined;
afterEach(async () => {
  await server?.cleanUp();
  server = undefined;
});

/** One HTTP/1.1 exchange on an open socket: the status line and headers of the answer. */
function exchange(socket: net.Socket, target: string): Promise<{ status: number; headers: Record<string, string> }> {
  return new Promise((resolve, reject) => {
    let data = "";
    const onData = (chunk: Buffer) => {
      data += chunk.toString("latin1");
      const end = data.indexOf("\r\n\r\n");
      if (end < 0) return;
      const [statusLine, ...lines] = data.slice(0, end).split("\r\n");
      const headers = Object.fromEntries(
        lines.map((l) => [l.slice(0, l.indexOf(":")).toLowerCase(), l.slice(l.indexOf(":") + 1).trim()]),
      );
      const length = Number(headers["content-length"] ?? 0);
      if (Buffer.byteLength(data.slice(end + 4), "latin1") < length) return;
      socket.off("data", onData);
      socket.off("error", reject);
      socket.off("end", onEnd);
      socket.off("close", onEnd);
      resolve({ status: Number(statusLine!.split(" ")[1]), headers });
    };
    const onEnd = () => reject(new Error(`the server closed the connection without answering ${target}`));
    socket.on("data", onData);
    socket.once("error", reject);
    socket.once("end", onEnd);
    socket.once("close", onEnd);
    socket.write(`GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n\r\n`);
  });
}

function connect(port: number): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, "127.0.0.1", () => resolve(socket));
    socket.once("error", reject);
  });
}

describe("stopping the server", () => {
  it("answers a request on a kept-alive socket after SIGTERM with Connection: close, then exits 0", async () => {
    server = await startServerProcess();
    const socket = await connect(server.port);
    const first = await exchange(socket, "/healthz");
    expect(first.status).toBe(200);
    expect(first.headers.connection).not.toBe("close");

    server.child.kill("SIGTERM");
    await new Promise((r) => setTimeout(r, 300));
    const after = await exchange(socket, "/healthz");
    expect(after.status).toBe(200);
    expect(after.headers.connection).toBe("close");
    socket.destroy();
    // New connections are refused at once; the process ends.
    expect(await portClosesWithin(server.port, 1_000)).toBe(true);
    expect(await server.exited).toEqual({ code: 0, signal: null });
  });

  it("ends within SHUTDOWN_TIMEOUT although a download is still being read", async () => {
    server = await startServerProcess({ env: { SHUTDOWN_TIMEOUT: "2" } });
    // 64 MB that the client never reads: the server's writes wait on a full socket for ever.
    fs.mkdirSync(path.join(server.dataDir, "media"), { recursive: true });
    fs.writeFileSync(path.join(server.dataDir, "media", "large.bin"), Buffer.alloc(64 * 1024 * 1024, 1));
    const socket = await connect(server.port);
    socket.on("error", () => undefined);
    socket.write("GET /media/large.bin HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    await new Promise<void>((resolve) => socket.once("data", () => resolve()));
    socket.pause();

    const signalled = Date.now();
    server.child.kill("SIGTERM");
    const exit = await Promise.race([
      server.exited,
      new Promise<"still running">((r) => setTimeout(() => r("still running"), 15_000)),
    ]);
    const seconds = (Date.now() - signalled) / 1000;
    socket.destroy();
    expect(exit).not.toBe("still running");
    expect(seconds).toBeGreaterThanOrEqual(1.5);
    expect(seconds).toBeLessThan(8);
    expect(server.output()).toMatch(/SHUTDOWN_TIMEOUT/);
  });
});
