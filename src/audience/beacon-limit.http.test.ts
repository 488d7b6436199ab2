import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { buildApp } from "../app.js";
import type { Db } from "../database.js";
import { describeEachDatabase } from "../../test/support/databases.js";
import { buildArticle, buildSection } from "../../test/support/factories.js";
import { AudienceCounter } from "./audience-counter.js";
import { memoryBeaconLimit } from "./beacon-limit.js";

// One client cannot flood the counts: the beacon endpoint refuses an address over its limit
// (429, nothing counted) while other readers keep counting, and lets it in again next window.

const READER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140 Safari/537.36";

describeEachDatabase("beacon limit on the endpoint", (get) => {
  let app: FastifyInstance;
  let db: Db;
  let clock = new Date("2026-03-10T12:00:00Z");
  let audience: AudienceCounter;
  let articleId: number;

  beforeAll(async () => {
    const { handle, config } = get();
    db = handle.db;
    const section = await buildSection(db, { slug: "limits", name: "Limits" });
    articleId = (await buildArticle(db, { sectionId: section.id, slug: "flooded", publishedAt: clock })).id;
    const now = () => clock;
    audience = new AudienceCounter(config.timeZone, now);
    app = await buildApp({
      config,
      db,
      now,
      logger: false,
      audience,
      beaconLimit: memoryBeaconLimit(3, () => clock.getTime()),
    });
  });
  afterAll(() => app?.close());

  let n = 0;
  const beacon = (address: string) =>
    app.inject({
      method: "POST",
      url: "/api/audience/beacon",
      remoteAddress: address,
      headers: { "content-type": "text/plain;charset=UTF-8", "user-agent": READER },
      payload: JSON.stringify({ k: "v", i: `flood${String(++n).padStart(8, "0")}`, a: articleId }),
    });
  const views = async () => {
    await audience.flush(db);
    const row = await db
      .selectFrom("audience_days")
      .select((eb) => eb.fn.sum<number>("views").as("n"))
      .where("article_id", "=", articleId)
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  };

  it("answers 429 past the limit, counts nothing more from that address, and nothing less from others", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await beacon("192.0.2.50")).statusCode);
    expect(statuses).toEqual([204, 204, 204, 429, 429, 429]);
    const refused = await beacon("192.0.2.50");
    expect(refused.headers["retry-after"]).toBe("60");
    expect(refused.json()).toMatchObject({ error: { code: "RATE_LIMITED" } });
    expect((await beacon("192.0.2.51")).statusCode).toBe(204);
    expect(await views()).toBe(4);

    clock = new Date(clock.getTime() + 60_000);
    expect((await beacon("192.0.2.50")).statusCode).toBe(204);
    expect(await views()).toBe(5);
  });
});
