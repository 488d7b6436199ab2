import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { buildApp } from "../../app.js";
import { type Bus, redisBus } from "../../platform/bus/index.js";
import { describeEachDatabase } from "../../../test/support/databases.js";
import { buildSection } from "../../../test/support/factories.js";
import { type SignedIn, signedIn } from "../../../test/support/newsroom-session.js";
import { REDIS_URL, redisPrefix } from "../../../test/support/redis-clients.js";

// Presence across web instances (issue 18): two apps on one database and one Redis, as behind a
// load balancer. An editor whose heartbeats reach one instance is seen by a writer whose heartbeats
// reach the other, with the start of their visit; closing the story on one instance removes them
// on the other; silence for 45 s removes them everywhere.

describeEachDatabase("presence across instances", (get) => {
  const apps: FastifyInstance[] = [];
  const buses: Bus[] = [];
  let clock = new Date("2026-07-01T09:00:00Z");
  let writer: SignedIn;
  let editor: SignedIn;
  let storyId = 0;

  const beat = (app: FastifyInstance, who: SignedIn) =>
    app.inject({
      method: "POST",
      url: `/api/newsroom/articles/${storyId}/presence`,
      headers: who.headers,
      payload: {},
    });
  const others = async (app: FastifyInstance, who: SignedIn) => {
    const res = await beat(app, who);
    expect(res.statusCode, res.body).toBe(200);
    return res.json().others as { name: string; since: string }[];
  };

  beforeAll(async () => {
    const { handle, config } = get();
    await buildSection(handle.db, { slug: "city", name: "City" });
    writer = await signedIn(handle.db, "writer", clock);
    editor = await signedIn(handle.db, "editor", clock);
    const prefix = redisPrefix("presence");
    for (let i = 0; i < 2; i++) {
      const bus = await redisBus({ url: REDIS_URL, prefix });
      buses.push(bus);
      apps.push(await buildApp({ config, db: handle.db, bus, now: () => clock, logger: false }));
    }
    await Promise.all(buses.map((b) => b.ready()));
    const created = await apps[0]!.inject({
      method: "POST",
      url: "/api/newsroom/articles",
      headers: writer.headers,
      payload: { headline: "Ferries at Woolwich" },
    });
    storyId = created.json().id;
  });
  afterAll(async () => {
    for (const app of apps) await app.close();
    for (const bus of buses) await bus.close();
  });

  it("shows each person to the other whichever instance their heartbeats reach", async () => {
    const [a, b] = apps as [FastifyInstance, FastifyInstance];
    expect(await others(a, writer)).toEqual([]);
    const opened = clock.toISOString();
    clock = new Date(clock.getTime() + 5_000);
    // The editor's beat reaches instance B, which heard of the writer from A.
    await expect
      .poll(async () => (await others(b, editor)).map((o) => [o.name, o.since]))
      .toEqual([[writer.user.name, opened]]);
    await expect.poll(async () => (await others(a, writer)).map((o) => o.name)).toEqual([editor.user.name]);
  });

  it("removes on one instance who closed the story on the other", async () => {
    const [a, b] = apps as [FastifyInstance, FastifyInstance];
    const left = await b.inject({
      method: "DELETE",
      url: `/api/newsroom/articles/${storyId}/presence`,
      headers: editor.headers,
    });
    expect(left.statusCode).toBe(204);
    await expect.poll(async () => (await others(a, writer)).map((o) => o.name)).toEqual([]);
  });

  it("forgets everywhere who stayed silent for 45 s", async () => {
    const [a, b] = apps as [FastifyInstance, FastifyInstance];
    await beat(b, editor);
    await expect.poll(async () => (await others(a, writer)).map((o) => o.name)).toEqual([editor.user.name]);
    clock = new Date(clock.getTime() + 45_000);
    expect(await others(a, writer)).toEqual([]);
    expect((await others(b, writer)).map((o) => o.name)).toEqual([]);
  });
});
