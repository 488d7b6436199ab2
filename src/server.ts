import cluster from "node:cluster";
import { buildApp } from "./app.js";
import { prepareDatabase } from "./bootstrap.js";
import { openDatabase } from "./database.js";
import { loadConfig } from "./platform/config.js";

// One process by default. WEB_CONCURRENCY=N runs N worker processes sharing the port (node:cluster);
// the primary migrates and seeds first, so workers only ever read a ready database.

const config = loadConfig();

if (cluster.isPrimary) {
  const handle = openDatabase(config);
  const { migrations, seeded } = await prepareDatabase(handle, config);
  if (config.workers > 1) {
    await handle.destroy();
    console.log(JSON.stringify({ level: 30, msg: `starting ${config.workers} workers`, migrations, seeded }));
    for (let i = 0; i < config.workers; i++) cluster.fork();
    cluster.on("exit", (worker, code, signal) => {
      if (signal !== "SIGTERM" && signal !== "SIGINT" && code !== 0) cluster.fork();
    });
  } else {
    await serve(handle, { migrations, seeded });
  }
} else {
  await serve(openDatabase(config), { migrations: [], seeded: false });
}

async function serve(handle: ReturnType<typeof openDatabase>, prepared: { migrations: string[]; seeded: boolean }) {
  const app = await buildApp({ config, db: handle.db });
  if (prepared.migrations.length) app.log.info({ migrations: prepared.migrations }, "database migrated");
  if (prepared.seeded) app.log.info("demo newsroom seeded");
  let closing = false;
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      if (closing) return;
      closing = true;
      app.log.info({ signal }, "shutting down");
      void app
        .close()
        .then(() => handle.destroy())
        .then(() => process.exit(0));
    });
  }
  await app.listen({ port: config.port, host: config.host });
  app.log.info(`${config.siteName} is at ${config.siteUrl} (${handle.dialect})`);
}
