import { PERMISSIONS, type Role } from "../../permissions.js";

// The newsletter actions (newsletter.manage: editor, admin; newsletter.admin: admin) come into the
// permissions table with the newsletters API. Read from the same table by name, so before they are
// there no role is offered screens whose API does not exist, and after, the table decides.
export function canNewsletter(role: Role, action: "newsletter.manage" | "newsletter.admin"): boolean {
  const roles = (PERMISSIONS as Record<string, readonly Role[] | undefined>)[action];
  return roles?.includes(role) ?? false;
}
