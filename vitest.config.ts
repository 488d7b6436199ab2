import { defineConfig } from "vitest/config";

export default defineConfig({
  esbuild: { jsx: "automatic", jsxImportSource: "preact" },
  test: {
    // Vitest's default is one worker less than the cores: one, on a two-core machine, and the files
    // then run one after another. Most of a file's time is spent waiting on a database, a child
    // process or the browser, so two at a time roughly halves the run. Browser files still go one
    // at a time (fileParallelism: false below).
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["src/**/*.test.{ts,tsx}", "test/support/**/*.test.ts", "scripts/**/*.test.ts"],
          exclude: ["src/**/*.db.test.{ts,tsx}", "src/**/*.http.test.{ts,tsx}"],
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["src/**/*.db.test.{ts,tsx}", "src/**/*.http.test.{ts,tsx}"],
          // Installs ffmpeg (and the browser) when missing, so the video tests run.
          globalSetup: ["test/support/system-setup.ts"],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: "browser",
          include: ["test/browser/**/*.test.ts"],
          globalSetup: ["test/support/system-setup.ts", "test/support/browser-setup.ts"],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
