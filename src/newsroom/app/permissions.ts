// What the app shows each role. The server's table (src/platform/admin/permissions.ts) decides; the app
// reads the same table so it never offers a button the server would refuse.
export { can, type Action } from "../../platform/admin/permissions.js";
