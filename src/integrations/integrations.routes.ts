import { z } from "zod";
import { currentUser, requirePermission } from "../platform/admin/guard.js";
import type { NewsroomRoutes } from "../platform/admin/json-api.js";
import { parseInput } from "../platform/http/parse-input.js";
import { createIntegration, listIntegrations, revokeIntegration } from "./integrations.js";
import { SCOPES, SCOPE_NAMES, SCOPE_SUMMARIES } from "./scopes.js";

// Integrations in the newsroom (admins): list, create (the key is in this answer only), revoke.
// Not on the Admin API: a key never makes keys.

const idParams = z.strictObject({ id: z.coerce.number().int().positive() });

export const registerIntegrationRoutes: NewsroomRoutes = (api, deps) => {
  const { db } = deps;
  const guard = { preHandler: requirePermission(deps, "integration.manage") };

  api.get("/integrations", guard, async () => ({
    items: await listIntegrations(db),
    scopes: SCOPE_NAMES.map((name) => ({ name, summary: SCOPE_SUMMARIES[name], actions: SCOPES[name] })),
  }));

  api.post("/integrations", guard, async (req, reply) => {
    const made = await createIntegration(db, req.body, { userId: currentUser(req).id, ip: req.ip }, deps.now());
    return reply.status(201).send(made);
  });

  api.post("/integrations/:id/revoke", guard, async (req) => {
    const { id } = parseInput(idParams, req.params, "params");
    return revokeIntegration(db, { id }, { userId: currentUser(req).id, ip: req.ip }, deps.now());
  });
};
