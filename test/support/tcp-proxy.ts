import net from "node:net";

/**
 * A TCP proxy in front of a server (PostgreSQL in the tests), to take it away and bring it back:
 * `close()` stops listening and cuts every open connection, so new ones are refused as if the
 * database were down; `open()` listens again on the same port.
 */
export interface TcpProxy {
  port: number;
  open(): Promise<void>;
  close(): Promise<void>;
}

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const sockets = new Set<net.Socket>();
  let server: net.Server | undefined;
  let port = 0;
  const listen = () =>
    new Promise<void>((resolve, reject) => {
      const s = net.createServer((client) => {
        const upstream = net.connect(target.port, target.host);
        for (const socket of [client, upstream]) {
          sockets.add(socket);
          socket.on("close", () => sockets.delete(socket));
          socket.on("error", () => undefined);
        }
        client.pipe(upstream).pipe(client);
        client.on("close", () => upstream.destroy());
        upstream.on("close", () => client.destroy());
      });
      s.once("error", reject);
      s.listen(port, "127.0.0.1", () => {
        port = (s.address() as net.AddressInfo).port;
        server = s;
        resolve();
      });
    });
  await listen();
  return {
    get port() {
      return port;
    },
    open: () => (server ? Promise.resolve() : listen()),
    close: () =>
      new Promise<void>((resolve) => {
        const s = server;
        server = undefined;
        for (const socket of sockets) socket.destroy();
        if (!s) return resolve();
        s.close(() => resolve());
      }),
  };
}
