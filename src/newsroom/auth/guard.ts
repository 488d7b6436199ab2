// The guard lives in the admin kit one floor down (src/platform/admin/guard.ts); this forwarding
// module remains only until src/wire imports it from there.
export { currentUser, requirePermission } from "../../platform/admin/guard.js";
