import type { FastifyRequest } from "fastify";
import { z } from "zod";
import { AppError } from "../../platform/errors.js";
import { checkCsrf, loadSession } from "../../platform/admin/guard.js";
import type { NewsroomRoutes } from "../../platform/admin/json-api.js";
import { type Principal, allows } from "../../platform/admin/permissions.js";
import { parseInput } from "../../platform/http/parse-input.js";
import { KIND_AUDIENCE, KIND_LABELS, NOTIFICATION_KINDS } from "./notification-kinds.js";
import { countWaitingForReview, readSettings, writeSettings } from "./notification.queries.js";

// A person's own notification settings, and the count the newsroom shows beside the Review
// queue. Every signed-in account has them: no permission of the table is needed.

const settingsBody = z
  .object(Object.fromEntries(NOTIFICATION_KINDS.map((k) => [k, z.boolean().optional()])))
  .strict()
  .refine((v) => Object.keys(v).length > 0, { message: "Name at least one kind" });

export const registerNotificationRoutes: NewsroomRoutes = (api, deps) => {
  const { db } = deps;
  const signedIn = async (req: FastifyRequest) => {
    const session = await loadSession(deps, req);
    if (!session) throw new AppError("UNAUTHORIZED", "Sign in to the newsroom");
    checkCsrf(req, session);
    return session.user;
  };
  const describe = async (user: Principal & { id: number }) => {
    const settings = await readSettings(db, user.id);
    const reviewer = allows(user, "article.review");
    return {
      items: NOTIFICATION_KINDS.map((kind) => ({
        kind,
        label: KIND_LABELS[kind],
        email: settings[kind],
        // Only reviewers are told of submissions; the rest is for everyone who writes.
        applies: KIND_AUDIENCE[kind] === "writers" || reviewer,
      })),
    };
  };

  api.get("/notifications/settings", async (req) => describe(await signedIn(req)));

  api.put("/notifications/settings", async (req) => {
    const user = await signedIn(req);
    const body = parseInput(settingsBody, req.body) as Record<string, boolean | undefined>;
    const chosen = Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined));
    await writeSettings(db, user.id, chosen);
    return describe(user);
  });

  api.get("/notifications/summary", async (req) => {
    const user = await signedIn(req);
    return { reviewWaiting: allows(user, "article.review") ? await countWaitingForReview(db) : null };
  });
};
