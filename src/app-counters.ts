import type { FastifyInstance } from "fastify";
import type { AudienceCounter } from "./audience/audience-counter.js";
import { rollUpAudience } from "./audience/audience-rollup.js";
import type { Db } from "./database.js";
import type { ViewCounter } from "./discovery/view-counter.js";

/**
 * Writes what the counters gathered in memory (page views, the audience desk's beacons) every 5 s
 * and once more on close; a failed write is kept and tried again.
 */
export function flushCounters(
  app: FastifyInstance,
  deps: { db: Db; views: ViewCounter; audience: AudienceCounter; now: () => Date },
): void {
  const { db, views, audience, now } = deps;
  let lastRollUp = 0;
  const flush = async () => {
    await views.flush(db).catch((err: unknown) => app.log.warn({ err }, "page views not written; retrying later"));
    await audience
      .flush(db)
      .catch((err: unknown) => app.log.warn({ err }, "audience counts not written; retrying later"));
    // Once a minute: yesterday's visitor hashes become counts, old minutes and presence go (docs/adr/029).
    if (now().getTime() - lastRollUp >= 60_000) {
      lastRollUp = now().getTime();
      await rollUpAudience(db, { now: now(), today: audience.dayOf(now()) }).catch((err: unknown) =>
        app.log.warn({ err }, "audience roll-up failed; retrying later"),
      );
    }
  };
  const timer = setInterval(() => void flush(), 5_000);
  timer.unref();
  app.addHook("onClose", async () => {
    clearInterval(timer);
    await flush();
  });
}
