import { render } from "preact";
import { App } from "./App.js";
import { setNewsroomZone } from "./london-time.js";
import { interceptLinks } from "./router.js";
import "./newsroom.css";

const root = document.getElementById("newsroom")!;
// TZ_NEWSROOM: every date the app reads or writes is in the newsroom's zone, as on the server.
setNewsroomZone(root.dataset.timeZone);
interceptLinks(root);
render(<App siteName={root.dataset.siteName ?? "London Daily"} />, root);
