// What the app shows each role. The server's table (src/newsroom/permissions.ts) decides; the app
// reads the same table so it never offers a button the server would refuse.
export { can, type Action } from "../permissions.js";
