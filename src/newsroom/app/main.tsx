import { render } from "preact";
import { App } from "./App.js";
import { interceptLinks } from "./router.js";
import "./newsroom.css";

const root = document.getElementById("newsroom")!;
interceptLinks(root);
render(<App siteName={root.dataset.siteName ?? "London Daily"} />, root);
