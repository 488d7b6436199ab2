import type { FastifyInstance } from "fastify";
import { type NewsroomRoutes, jsonApiScope } from "../platform/admin/json-api.js";
import type { NewsroomDeps } from "../platform/admin/newsroom-deps.js";

/**
 * The newsroom's JSON API under /api/newsroom: never cached, errors as JSON
 * `{ error: { code, message, details? } }`. Each module registers its own routes with
 * `requirePermission(deps, action)` as their preHandler.
 */
export async function registerNewsroomApi(
  app: FastifyInstance,
  deps: NewsroomDeps,
  modules: NewsroomRoutes[],
): Promise<void> {
  await app.register(
    async (api) => {
      jsonApiScope(api, "newsroom");
      for (const register of modules) await register(api, deps);
    },
    { prefix: "/api/newsroom" },
  );
}
