import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { buildApp } from "../../app.js";
import { describeEachDatabase } from "../../../test/support/databases.js";
import { buildSection } from "../../../test/support/factories.js";
import { type SignedIn, signedIn } from "../../../test/support/newsroom-session.js";

// Who else has a story open (issue 18): heartbeats answer the others, never oneself; a person
// gone quiet for 45 s is no longer listed; closing the story removes them; only those who may
// open the story can see who is there.

describeEachDatabase("presence in the editor", (get) => {
  let app: FastifyInstance;
  let clock = new Date("2026-07-01T09:00:00Z");
  let writer: SignedIn;
  let editor: SignedIn;
  let other: SignedIn;
  let storyId = 0;

  const beat = (who: SignedIn, id = storyId) =>
    app.inject({ method: "POST", url: `/api/newsroom/articles/${id}/presence`, headers: who.headers, payload: {} });
  const names = async (who: SignedIn) => (await beat(who)).json().others.map((o: { name: string }) => o.name);

  beforeAll(async () => {
    const { handle, config } = get();
    await buildSection(handle.db, { slug: "london", name: "London" });
    writer = await signedIn(handle.db, "writer", clock);
    editor = await signedIn(handle.db, "editor", clock);
    other = await signedIn(handle.db, "writer", clock);
    app = await buildApp({ config, db: handle.db, now: () => clock, logger: false });
    const created = await app.inject({
      method: "POST",
      url: "/api/newsroom/articles",
      headers: writer.headers,
      payload: { headline: "Lamps on the Strand" },
    });
    storyId = created.json().id;
  });
  afterAll(() => app?.close());

  it("tells each person who else has the story open, and forgets the silent after 45 s", async () => {
    expect(await names(writer)).toEqual([]);
    clock = new Date(clock.getTime() + 5_000);
    const first = await beat(editor);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({
      heartbeatMs: 15_000,
      others: [{ userId: writer.user.id, name: writer.user.name }],
    });
    expect(await names(writer)).toEqual([editor.user.name]);

    // The writer keeps beating every 15 s; the editor stops.
    for (let i = 0; i < 3; i++) {
      clock = new Date(clock.getTime() + 15_000);
      await beat(writer);
    }
    // 45 s after the editor's last beat: gone.
    expect(await names(writer)).toEqual([]);
  });

  it("removes a person who closes the story", async () => {
    await beat(editor);
    expect(await names(writer)).toEqual([editor.user.name]);
    const left = await app.inject({
      method: "DELETE",
      url: `/api/newsroom/articles/${storyId}/presence`,
      headers: editor.headers,
    });
    expect(left.statusCode).toBe(204);
    expect(await names(writer)).toEqual([]);
  });

  it("answers only those who may open the story", async () => {
    // Another writer cannot open someone else's story, so cannot see or join its presence.
    expect((await beat(other)).statusCode).toBe(403);
    expect((await beat(writer, 999_999)).statusCode).toBe(404);
    expect((await beat(writer, -1 as never)).statusCode).toBe(400);
    const anonymous = await app.inject({
      method: "POST",
      url: `/api/newsroom/articles/${storyId}/presence`,
      payload: {},
    });
    expect(anonymous.statusCode).toBe(401);
  });
});
