import preact from "@preact/preset-vite";
import { defineConfig } from "vite";

// Builds two client programs into public/build with a manifest the server reads: the reader
// site's islands runtime (`main`) and the newsroom single-page app (`newsroom`, whose TipTap
// editor is a separate chunk loaded only when an article is opened). The site serves the build at
// /assets/build/, so that is `base`: Vite's preload helper puts it before every chunk a lazy view
// needs.
export default defineConfig({
  plugins: [preact()],
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
