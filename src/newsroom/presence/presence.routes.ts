import { z } from "zod";
import { findArticleRow } from "../articles/article-draft.js";
import { assertArticleAccess } from "../articles/article-access.js";
import { currentUser, requirePermission } from "../../platform/admin/guard.js";
import type { NewsroomRoutes } from "../../platform/admin/json-api.js";
import { parseInput } from "../../platform/http/parse-input.js";
import { HEARTBEAT_MS, InProcessPresence, type PresenceStore } from "./presence-store.js";

// Presence in the editor: `POST /articles/:id/presence` is the heartbeat (every ~15 s while the
// story is open) and answers who else has it open; `DELETE` when the editor closes. Only those who
// may open the story can beat on it or see who is there (the same rule as GET /articles/:id).

const idParams = z.object({ id: z.coerce.number().int().positive() });

export function presenceRoutes(store: PresenceStore = new InProcessPresence()): NewsroomRoutes {
  return (api, deps) => {
    const { db, now } = deps;
    const guard = { preHandler: requirePermission(deps, "article.create") };

    api.post("/articles/:id/presence", guard, async (req) => {
      const { id } = parseInput(idParams, req.params, "params");
      const user = currentUser(req);
      await assertArticleAccess(db, user, await findArticleRow(db, id), "edit");
      const at = now();
      store.touch(id, { userId: user.id, name: user.name }, at);
      return {
        others: store.present(id, at).filter((v) => v.userId !== user.id),
        heartbeatMs: HEARTBEAT_MS,
      };
    });

    api.delete("/articles/:id/presence", guard, async (req, reply) => {
      const { id } = parseInput(idParams, req.params, "params");
      store.leave(id, currentUser(req).id);
      return reply.status(204).send();
    });
  };
}
