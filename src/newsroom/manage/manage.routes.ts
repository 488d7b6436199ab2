import type { NewsroomRoutes } from "../../platform/admin/json-api.js";
import { registerAuditRoutes } from "./audit.routes.js";
import { registerFrontPageRoutes } from "./front-page.routes.js";
import { registerSectionRoutes } from "./sections.routes.js";
import { registerTopicRoutes } from "./topics.routes.js";

// Managing the paper: sections, topics (tags), the front page and the audit log, each in its own
// file (author profiles: authors.routes.ts).

export const registerManageRoutes: NewsroomRoutes = (api, deps) => {
  registerSectionRoutes(api, deps);
  registerTopicRoutes(api, deps);
  registerFrontPageRoutes(api, deps);
  registerAuditRoutes(api, deps);
};
