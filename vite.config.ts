import preact from "@preact/preset-vite";
import { defineConfig } from "vite";

// Builds the islands' client runtime into public/build with a manifest the server reads at start-up.
export default defineConfig({
  plugins: [preact()],
  publicDir: false,
  build: {
    outDir: "public/build",
    emptyOutDir: true,
    manifest: true,
    target: "es2020",
    rollupOptions: { input: { main: "src/client/main.ts" } },
  },
});
