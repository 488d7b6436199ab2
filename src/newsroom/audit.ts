// The audit writer lives in the admin kit one floor down (src/platform/admin/audit.ts); this
// forwarding module remains only until src/wire imports it from there.
export { type AuditEntry, auditFrom, recordAudit } from "../platform/admin/audit.js";
