import SQLite from "better-sqlite3";
import type { FastifyInstance } from "fastify";
import { sql } from "kysely";
import { afterAll, beforeAll, expect, it } from "vitest";
import { POSTGRES_URL, describeEachDatabase } from "../test/support/databases.js";
import { type TcpProxy, startTcpProxy } from "../test/support/tcp-proxy.js";
import { buildApp } from "./app.js";
import type { Database } from "./database.js";
import { type DatabaseHandle, connectDatabase } from "./platform/db/connect.js";

// The database goes away under a running site. PostgreSQL: a TCP proxy between the app and the
// server is closed (connections cut, new ones refused), then opened again. SQLite cannot be
// unreachable in that sense (the file is open in the process); its fault is another process holding
// the write lock past the busy timeout: writes answer 503, reads go on (WAL).

describeEachDatabase("the site while its database is unavailable", (get) => {
  let app: FastifyInstance;
  let handle: DatabaseHandle<Database>;
  let proxy: TcpProxy | undefined;

  beforeAll(async () => {
    const test = get();
    if (test.dialect === "postgres") {
      const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(test.handle.db);
      const upstream = new URL(POSTGRES_URL);
      proxy = await startTcpProxy({ host: upstream.hostname, port: Number(upstream.port || 5432) });
      const through = new URL(POSTGRES_URL);
      through.port = String(proxy.port);
      handle = connectDatabase<Database>({
        databaseUrl: through.toString(),
        pgSchema: rows[0]!.schema,
        onConnectionError: () => undefined,
      });
    } else {
      handle = connectDatabase<Database>({ sqliteFile: sqliteFile(test.env), busyTimeoutMs: 200 });
    }
    app = await buildApp({ config: test.config, db: handle.db, logger: false });
  });

  afterAll(async () => {
    await app?.close();
    await proxy?.close();
    await handle?.destroy();
  });

  it("answers 503 with Retry-After (a page for readers, JSON for the API) and /healthz says so; /livez stays 200", async () => {
    if (get().dialect !== "postgres") return;
    expect((await app.inject("/")).statusCode).toBe(200);
    await proxy!.close();

    // A page the cache holds is still served; one it does not hold needs the database.
    const cached = await app.inject("/");
    expect(cached.statusCode).toBe(200);
    expect(cached.headers["x-cache"]).toBe("hit");
    const page = await app.inject("/video");
    expect(page.statusCode).toBe(503);
    expect(page.headers["retry-after"]).toMatch(/^\d+$/);
    expect(page.headers["content-type"]).toMatch(/^text\/html/);
    expect(page.body).toContain("Error 503");
    expect(page.body).toMatch(/back shortly/i);

    const api = await app.inject("/api/content/articles");
    expect(api.statusCode).toBe(503);
    expect(api.headers["retry-after"]).toMatch(/^\d+$/);
    expect(api.json()).toMatchObject({ error: { code: "UNAVAILABLE", message: expect.any(String) } });

    const health = await app.inject("/healthz");
    expect(health.statusCode).toBe(503);
    expect(health.headers["retry-after"]).toMatch(/^\d+$/);
    expect(health.json()).toMatchObject({ status: "unavailable", database: "unreachable" });

    const live = await app.inject("/livez");
    expect(live.statusCode).toBe(200);

    await proxy!.open();
    expect((await app.inject("/video")).statusCode).toBe(200);
    const healthy = await app.inject("/healthz");
    expect(healthy.statusCode).toBe(200);
    expect(healthy.json()).toMatchObject({ status: "ok", database: "ok" });
  });

  it("answers a write 503 with Retry-After while another process holds SQLite's write lock; reads go on", async () => {
    const test = get();
    if (test.dialect !== "sqlite") return;
    const other = new SQLite(sqliteFile(test.env));
    try {
      other.exec("begin immediate");
      other.prepare("insert into settings (key, value) values ('lock-holder', 'x')").run();
      const login = await app.inject({
        method: "POST",
        url: "/api/newsroom/login",
        payload: { email: "nobody@example.com", password: "not the password at all" },
      });
      expect(login.statusCode).toBe(503);
      expect(login.headers["retry-after"]).toMatch(/^\d+$/);
      expect(login.json()).toMatchObject({ error: { code: "UNAVAILABLE" } });
      expect((await app.inject("/")).statusCode).toBe(200);
      expect((await app.inject("/healthz")).statusCode).toBe(200);
      other.exec("rollback");
    } finally {
      other.close();
    }
    const after = await app.inject({
      method: "POST",
      url: "/api/newsroom/login",
      payload: { email: "nobody@example.com", password: "not the password at all" },
    });
    expect(after.statusCode).toBe(401);
  });
});

function sqliteFile(env: Record<string, string>): string {
  return `${env.DATA_DIR}/london-daily.sqlite`;
}
