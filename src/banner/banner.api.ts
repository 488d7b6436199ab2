import { currentUser, requirePermission } from "../platform/admin/guard.js";
import { auditFrom } from "../platform/admin/audit.js";
import type { NewsroomRoutes } from "../platform/admin/json-api.js";
import { parseInput } from "../platform/http/parse-input.js";
import type { BannerBoard } from "./banner-board.js";
import { type Banner, findBannerState, listRecentBanners } from "./banner.queries.js";
import { type BannerEffects, bannerInput, lowerBannerIn, raiseBannerIn } from "./banner.service.js";

// The newsroom's banner API under /api/newsroom (docs/adr/035): what is up, raise, take down.

export function bannerJson(b: Banner) {
  return {
    id: b.id,
    text: b.text,
    url: b.url,
    live: b.live,
    articleId: b.articleId,
    raisedAt: b.raisedAt.toISOString(),
    expiresAt: b.expiresAt?.toISOString() ?? null,
    loweredAt: b.loweredAt?.toISOString() ?? null,
  };
}
export type BannerJson = ReturnType<typeof bannerJson>;

export function bannerApi(board: BannerBoard, effects: BannerEffects): NewsroomRoutes {
  return (api, deps) => {
    const { db } = deps;
    const guard = { preHandler: requirePermission(deps, "banner.manage") };

    /** The banner up now (`showing` false once expired), and the last ones raised. */
    const current = async () => {
      const state = await findBannerState(db);
      const showing = board.showing();
      return {
        rev: state.rev,
        banner: state.banner ? bannerJson(state.banner) : null,
        showing: state.banner !== null && showing?.id === state.banner.id,
        recent: (await listRecentBanners(db)).map(bannerJson),
      };
    };

    api.get("/banner", guard, async () => current());

    api.post("/banner", guard, async (req, reply) => {
      const input = parseInput(bannerInput, req.body);
      await db.transaction().execute((trx) => raiseBannerIn(trx, input, auditFrom(req), deps.now()));
      await effects.changed();
      return reply.status(201).send(await current());
    });

    api.delete("/banner", guard, async (req) => {
      currentUser(req);
      await db.transaction().execute((trx) => lowerBannerIn(trx, auditFrom(req), deps.now()));
      await effects.changed();
      return current();
    });
  };
}
