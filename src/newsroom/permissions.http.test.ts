import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import sharp from "sharp";
import { afterAll, beforeAll, expect, it } from "vitest";
import { buildApp } from "../app.js";
import type { Db } from "../database.js";
import { describeEachDatabase } from "../../test/support/databases.js";
import {
  buildArticle,
  buildAuthor,
  buildImage,
  buildSection,
  buildTag,
  buildVideo,
} from "../../test/support/factories.js";
import { multipartBody } from "../media/media-test-files.js";
import { type SignedIn, signedIn } from "../../test/support/newsroom-session.js";
import { ensureAuthorProfile } from "../authors/author-profile.js";
import { ingestItems } from "../wire/wire-ingest.js";
import type { WireItemInput } from "../wire/wire-item.js";
import { ACTIONS, type Action, ROLES, type Role, can } from "../platform/admin/permissions.js";

// The permissions matrix: every role × every newsroom action, through the live API, on both
// engines. Each action has one representative request; a role the table allows must get past the
// guard (no 401/403), a role it refuses must get 403. An action added to permissions.ts without a
// row here fails the last test.

interface Fixture {
  db: Db;
  sectionId: number;
  authorId: number;
  /** A fresh article created by `owner` (or by somebody else when owner is undefined). */
  article(owner: SignedIn | undefined, status?: "draft" | "in_review" | "published"): Promise<number>;
  /** A library image uploaded by `owner` (or by somebody else), on no page yet. */
  image(owner: SignedIn | undefined): Promise<number>;
  /** An unpublished video uploaded by `owner` (or by somebody else). */
  video(owner: SignedIn | undefined): Promise<number>;
}

type Call = (who: SignedIn, f: Fixture) => Promise<LightMyRequestResponse>;

const now = new Date("2026-07-01T10:00:00Z");
const doc = { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "Words." }] }] };
const wireCopy: WireItemInput = {
  guid: "matrix-1",
  version: 1,
  headline: "Agency copy",
  standfirst: "",
  byline: "",
  credit: "Matrix Agency",
  body: { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "Copy." }] }] },
  urgency: null,
  pubStatus: "usable",
  embargoAt: null,
  versionAt: null,
  url: null,
  subjects: [],
  images: [],
};

describeEachDatabase("newsroom permissions", (get) => {
  let app: FastifyInstance;
  let fixture: Fixture;
  const users = new Map<Role, SignedIn>();
  const call = (who: SignedIn, method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE", url: string, payload?: unknown) =>
    app.inject({ method, url: `/api/newsroom${url}`, payload: payload as object, headers: who.headers });

  /** The user's own published article, edited by them: its pending copy waits for Update or Discard. */
  async function stagedEdit(who: SignedIn, f: Fixture) {
    const articleId = await f.article(who, "published");
    // Staged by the signed-in user of that role, so the signed-out check reaches Update and Discard.
    const editor = users.get(who.user.role)!;
    const saved = await call(editor, "PUT", `/articles/${articleId}`, { baseVersion: 1, kicker: "Edited" });
    expect(saved.statusCode, saved.body.slice(0, 200)).toBe(200);
    expect(saved.json().pending).not.toBeNull();
    return { id: articleId, version: saved.json().version as number };
  }

  const requests: Record<Action, Call> = {
    "content.read": (who) => call(who, "GET", "/articles"),
    "article.read.any": async (who, f) => call(who, "GET", `/articles/${await f.article(undefined)}`),
    "integration.manage": (who) => call(who, "GET", "/integrations"),
    "webhook.manage": (who) => call(who, "GET", "/webhooks"),
    "article.create": (who) => call(who, "POST", "/articles", { headline: "A new story" }),
    "article.edit.own": async (who, f) =>
      call(who, "PUT", `/articles/${await f.article(who)}`, { baseVersion: 1, kicker: "Mine" }),
    "article.edit.any": async (who, f) =>
      call(who, "PUT", `/articles/${await f.article(undefined)}`, { baseVersion: 1, kicker: "Theirs" }),
    "article.submit": async (who, f) => call(who, "POST", `/articles/${await f.article(who)}/submit`, {}),
    "article.publish.own": async (who, f) =>
      call(who, "POST", `/articles/${await f.article(who)}/publish`, { baseVersion: 1 }),
    "article.publish.any": async (who, f) =>
      call(who, "POST", `/articles/${await f.article(undefined, "in_review")}/publish`, { baseVersion: 1 }),
    "article.update": async (who, f) => {
      const staged = await stagedEdit(who, f);
      return call(who, "POST", `/articles/${staged.id}/publish`, { baseVersion: staged.version });
    },
    "article.discard": async (who, f) => {
      const staged = await stagedEdit(who, f);
      return call(who, "POST", `/articles/${staged.id}/discard`, { baseVersion: staged.version });
    },
    // A staff byline nobody opened to co-bylines: only editors and admins may put it on a story.
    "article.byline.any": async (who, f) => {
      const staff = await buildAuthor(f.db);
      return call(who, "PUT", `/articles/${await f.article(who)}`, { baseVersion: 1, authorIds: [staff.id] });
    },
    "author.edit.own": async (who, f) =>
      call(who, "PATCH", `/authors/${await ensureAuthorProfile(f.db, who.user)}`, { bio: "Covers the courts." }),
    "article.delete": async (who, f) => call(who, "POST", `/articles/${await f.article(who)}/trash`, {}),
    "article.restore": async (who, f) => {
      const id = await f.article(who);
      await f.db
        .updateTable("articles")
        .set({ status: "trashed", trashed_from: "draft", trashed_at: now.toISOString() })
        .where("id", "=", id)
        .execute();
      return call(who, "POST", `/articles/${id}/restore`, {});
    },
    "article.review": async (who, f) =>
      call(who, "POST", `/articles/${await f.article(undefined, "in_review")}/return`, { note: "More quotes" }),
    "article.correct": async (who, f) =>
      call(who, "POST", `/articles/${await f.article(undefined, "published")}/notes`, {
        kind: "update",
        text: "Updated.",
      }),
    "tag.create": (who) => call(who, "POST", "/tags", { name: `Topic of ${who.user.role}` }),
    "tag.manage": async (who, f) => {
      const [a, b] = [await buildTag(f.db), await buildTag(f.db)];
      return call(who, "POST", "/tags/merge", { fromId: a.id, intoId: b.id });
    },
    "section.manage": (who) => call(who, "POST", "/sections", { name: `Desk of ${who.user.email.slice(0, 12)}` }),
    "author.manage": (who) => call(who, "POST", "/authors", { name: `Author ${who.user.email.slice(0, 14)}` }),
    "frontpage.manage": async (who, f) =>
      call(who, "PUT", "/front-page", { leadId: await f.article(undefined, "published"), topIds: [] }),
    "banner.manage": (who) => call(who, "GET", "/banner"),
    "audit.view": (who) => call(who, "GET", "/audit"),
    "newsletter.manage": (who) => call(who, "GET", "/newsletters"),
    "newsletter.admin": (who) =>
      call(who, "POST", "/newsletters", { name: `Letter of ${who.user.email.slice(0, 12)}`, kind: "alert" }),
    "user.manage": (who) => call(who, "GET", "/users"),
    "analytics.view": (who) => call(who, "GET", "/analytics/overview?period=7d"),
    "analytics.view.own": async (who, f) =>
      call(who, "GET", `/analytics/articles/${await f.article(who, "published")}`),
    "media.upload": async (who) => {
      const png = await sharp({ create: { width: 40, height: 30, channels: 3, background: "#3366aa" } })
        .png()
        .toBuffer();
      const { payload, contentType } = multipartBody([
        { name: "alt", value: "A blue square" },
        { name: "file", filename: "square.png", type: "image/png", data: png },
      ]);
      return app.inject({
        method: "POST",
        url: "/api/newsroom/media",
        headers: { ...who.headers, "content-type": contentType },
        payload,
      });
    },
    "media.edit.own": async (who, f) => call(who, "PATCH", `/media/${await f.image(who)}`, { alt: "After" }),
    "media.edit.any": async (who, f) => call(who, "PATCH", `/media/${await f.image(undefined)}`, { alt: "After" }),
    "media.delete": async (who, f) => call(who, "DELETE", `/media/${await f.image(who)}`),
    "video.delete": async (who, f) => call(who, "DELETE", `/videos/${await f.video(who)}`),
    "video.upload": (who) => call(who, "POST", "/videos/uploads", { filename: "clip.mp4", totalBytes: 1000 }),
    "video.edit.own": async (who, f) => call(who, "PATCH", `/videos/${await f.video(who)}`, { title: "Retitled" }),
    "video.edit.any": async (who, f) =>
      call(who, "PATCH", `/videos/${await f.video(undefined)}`, { title: "Retitled" }),
    "video.publish": async (who, f) => call(who, "PATCH", `/videos/${(await buildVideo(f.db)).id}`, { featured: true }),
    "wire.read": (who) => call(who, "GET", "/wire/items"),
    "wire.use": async (who, f) => call(who, "POST", `/wire/items/${await wireItem(f.db)}/use`, {}),
    "wire.manage": (who) =>
      call(who, "POST", "/wire/providers", {
        name: `Agency of ${who.user.email.slice(0, 12)}`,
        sourceKind: "http",
        source: "https://wire.example/feed.xml",
        format: "rss",
      }),
  };

  /** One item in the wire queue, from a provider of its own. */
  async function wireItem(db: Db): Promise<number> {
    const provider = await db
      .insertInto("wire_providers")
      .values({
        name: `Matrix agency ${Math.random().toString(36).slice(2)}`,
        source_kind: "http",
        source: "https://wire.example/feed.xml",
        format: "rss",
        auth_secret: null,
        section_id: null,
        default_urgency: null,
        etag: null,
        last_modified: null,
        next_poll_at: now.toISOString(),
        running_until: null,
        quiet_since: null,
        last_run_at: null,
        last_success_at: null,
        last_item_at: null,
        last_error: null,
        created_at: now.toISOString(),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await ingestItems(db, { id: provider.id, section_id: null, default_urgency: null }, [wireCopy], {
      versioned: false,
      now,
    });
    const item = await db
      .selectFrom("wire_items")
      .select("id")
      .where("provider_id", "=", provider.id)
      .executeTakeFirstOrThrow();
    return item.id;
  }

  beforeAll(async () => {
    const { handle, config } = get();
    const db = handle.db;
    for (const role of ROLES) users.set(role, await signedIn(db, role, now));
    const other = await signedIn(db, "writer", now);
    const sectionId = (await buildSection(db, { slug: "uk", name: "UK" })).id;
    const authorId = (await buildAuthor(db, { slug: "staff", name: "Staff" })).id;
    fixture = {
      db,
      sectionId,
      authorId,
      async article(owner, status = "draft") {
        const row = await buildArticle(db, {
          sectionId,
          publishedAt: now,
          status,
          body: doc,
          // Bylined to its owner (an account's own profile), or to a staff profile.
          authorIds: [owner ? await ensureAuthorProfile(db, owner.user) : authorId],
        });
        await db
          .updateTable("articles")
          .set({
            created_by: (owner ?? other).user.id,
            published_at: status === "published" ? now.toISOString() : null,
          })
          .where("id", "=", row.id)
          .execute();
        return row.id;
      },
      async image(owner) {
        const { id } = await buildImage(db, { alt: "Before" });
        await db
          .updateTable("media")
          .set({ uploaded_by: (owner ?? other).user.id })
          .where("id", "=", id)
          .execute();
        return id;
      },
      async video(owner) {
        const { id } = await buildVideo(db);
        await db
          .updateTable("videos")
          .set({ uploaded_by: (owner ?? other).user.id, published: 0 })
          .where("id", "=", id)
          .execute();
        return id;
      },
    };
    app = await buildApp({ config, db, now: () => now, logger: false });
  });
  afterAll(() => app?.close());

  for (const action of ACTIONS) {
    it(`${action}: allowed for ${ROLES.filter((r) => can(r, action)).join(", ")}; refused for the rest`, async () => {
      for (const role of ROLES) {
        const res = await requests[action](users.get(role)!, fixture);
        const allowed = can(role, action);
        if (allowed) expect([401, 403], `${role} ${action}: ${res.body.slice(0, 200)}`).not.toContain(res.statusCode);
        else {
          expect(res.statusCode, `${role} ${action}: ${res.body.slice(0, 200)}`).toBe(403);
          expect(res.json().error.code).toBe("FORBIDDEN");
        }
      }
    });
  }

  it("has a request for every action in the permissions table, and refuses everyone signed out", async () => {
    expect(Object.keys(requests).sort()).toEqual([...ACTIONS].sort());
    const anonymous = { ...users.get("admin")!, headers: {} };
    for (const action of ACTIONS) {
      const res = await requests[action](anonymous, fixture);
      expect(res.statusCode, action).toBe(401);
    }
  });
});
