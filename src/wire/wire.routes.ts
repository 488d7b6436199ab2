import type { FastifyRequest } from "fastify";
import { z } from "zod";
import { currentUser, requirePermission } from "../platform/admin/guard.js";
import type { NewsroomRoutes } from "../platform/admin/json-api.js";
import { MAX_UPLOAD_BYTES } from "../media/image.js";
import { workSlots } from "../media/work-slots.js";
import { parseInput } from "../platform/http/parse-input.js";
import { compareItemVersions } from "./wire-changes.js";
import { pollProvider } from "./wire-poll.js";
import { createProvider, providerInput, providerPatch, removeProvider, updateProvider } from "./wire-providers.js";
import { useWireItem, wireSourcesOf } from "./wire-use.js";
import { listProviders, listQueue, loadItem } from "./wire.queries.js";

// The wire queue's API under /api/newsroom/wire (src/wire/README.md).

const id = z.coerce.number().int().positive();
const idParams = z.strictObject({ id });
const queueQuery = z.strictObject({
  provider: id.optional(),
  urgency: z.coerce.number().int().min(1).max(9).optional(),
  section: id.optional(),
  q: z.string().trim().max(300).optional(),
  killed: z.enum(["1", "0", "true", "false"]).optional(),
  before: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

/** A picture's fetch: the feed's own bounds (20 s), and the media library's size limit. */
const PICTURE_TIMEOUT_MS = 20_000;

const version = z.coerce.number().int().min(1).max(1_000_000);
const changesQuery = z.strictObject({ from: version.optional(), to: version.optional() });

export const registerWireRoutes: NewsroomRoutes = (api, deps) => {
  const { db } = deps;
  const who = (req: FastifyRequest) => ({ userId: currentUser(req).id, ip: req.ip });
  const pictures = {
    storage: deps.storage,
    fetch: {
      timeoutMs: PICTURE_TIMEOUT_MS,
      maxBytes: MAX_UPLOAD_BYTES,
      allowedHosts: new Set(deps.config.wireAllowedHosts),
    },
    // Cutting a picture into variants holds both cores for seconds: one draft's pictures at a time.
    slot: workSlots(1),
  };

  api.get("/wire/items", { preHandler: requirePermission(deps, "wire.read") }, async (req) => {
    const query = parseInput(queueQuery, req.query, "query");
    return listQueue(db, {
      providerId: query.provider,
      urgency: query.urgency,
      sectionId: query.section,
      q: query.q,
      killed: query.killed === undefined ? undefined : query.killed === "1" || query.killed === "true",
      before: query.before,
      limit: query.limit,
    });
  });

  api.get("/wire/items/:id", { preHandler: requirePermission(deps, "wire.read") }, async (req) => {
    const { id: itemId } = parseInput(idParams, req.params, "params");
    return loadItem(db, itemId);
  });

  api.get("/wire/items/:id/changes", { preHandler: requirePermission(deps, "wire.read") }, async (req) => {
    const { id: itemId } = parseInput(idParams, req.params, "params");
    const { from, to } = parseInput(changesQuery, req.query, "query");
    return compareItemVersions(db, itemId, { from, to });
  });

  api.post("/wire/items/:id/use", { preHandler: requirePermission(deps, "wire.use") }, async (req, reply) => {
    const { id: itemId } = parseInput(idParams, req.params, "params");
    const articleId = await useWireItem(db, { user: currentUser(req), ip: req.ip }, itemId, deps.now(), pictures);
    return reply.status(201).send({ articleId });
  });

  api.get("/wire/articles/:id", { preHandler: requirePermission(deps, "article.create") }, async (req) => {
    const { id: articleId } = parseInput(idParams, req.params, "params");
    return { sources: await wireSourcesOf(db, articleId) };
  });

  api.get("/wire/providers", { preHandler: requirePermission(deps, "wire.read") }, async () => ({
    items: await listProviders(db, deps.now()),
  }));

  api.post("/wire/providers", { preHandler: requirePermission(deps, "wire.manage") }, async (req, reply) => {
    const input = parseInput(providerInput, req.body);
    const providerId = await createProvider(db, input, who(req), deps.now());
    const created = (await listProviders(db, deps.now())).find((p) => p.id === providerId);
    return reply.status(201).send(created);
  });

  api.patch("/wire/providers/:id", { preHandler: requirePermission(deps, "wire.manage") }, async (req) => {
    const { id: providerId } = parseInput(idParams, req.params, "params");
    await updateProvider(db, providerId, parseInput(providerPatch, req.body), who(req), deps.now());
    return (await listProviders(db, deps.now())).find((p) => p.id === providerId);
  });

  api.delete("/wire/providers/:id", { preHandler: requirePermission(deps, "wire.manage") }, async (req, reply) => {
    const { id: providerId } = parseInput(idParams, req.params, "params");
    await removeProvider(db, providerId, who(req), deps.now());
    return reply.status(204).send();
  });

  api.post("/wire/providers/:id/poll", { preHandler: requirePermission(deps, "wire.manage") }, async (req) => {
    const { id: providerId } = parseInput(idParams, req.params, "params");
    return pollProvider(
      { db, now: deps.now, log: req.log, http: { allowedHosts: pictures.fetch.allowedHosts } },
      providerId,
      { force: true },
    );
  });
};
