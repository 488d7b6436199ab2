import { buildApp } from "./app.js";
import { prepareDatabase } from "./bootstrap.js";
import { openDatabase } from "./database.js";
import { loadConfig } from "./platform/config.js";

const config = loadConfig();
const handle = openDatabase(config);
const app = await buildApp({ config, db: handle.db });
const { migrations, seeded } = await prepareDatabase(handle, config);
if (migrations.length) app.log.info({ migrations }, "database migrated");
if (seeded) app.log.info("demo newsroom seeded");

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
