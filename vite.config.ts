import path from "node:path";
import preact from "@preact/preset-vite";
import { type Plugin, defineConfig } from "vite";

// Builds two client programs into public/build with a manifest the server reads: the reader
// site's islands runtime (`main`) and the newsroom single-page app (`newsroom`, whose TipTap
// editor is a separate chunk loaded only when an article is opened). The site serves the build at
// /assets/build/, so that is `base`: Vite's preload helper puts it before every chunk a lazy view
// needs.
export default defineConfig({
  plugins: [preact(), buildInputs()],
  base: "/assets/build/",
  publicDir: false,
  build: {
    outDir: "public/build",
    emptyOutDir: true,
    manifest: true,
    target: "es2020",
    rollupOptions: { input: { main: "src/client/main.ts", newsroom: "src/newsroom/app/main.tsx" } },
  },
});

/**
 * Writes .vite/inputs.json, the project files the build was made from, so `npm start` rebuilds only
 * when one of them is newer than the build (scripts/build-client.ts).
 */
function buildInputs(): Plugin {
  return {
    name: "london-daily:build-inputs",
    apply: "build",
    generateBundle() {
      const root = process.cwd();
      const files = [...this.getModuleIds()]
        .filter((id) => path.isAbsolute(id) && !id.includes(`${path.sep}node_modules${path.sep}`))
        .map((id) => path.relative(root, id.replace(/\?.*$/, "")).split(path.sep).join("/"))
        .filter((file) => !file.startsWith(".."));
      this.emitFile({
        type: "asset",
        fileName: ".vite/inputs.json",
        source: JSON.stringify([...new Set(files)].sort(), null, 1),
      });
    },
  };
}
