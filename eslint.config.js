import js from "@eslint/js";
import boundaries from "eslint-plugin-boundaries";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["node_modules/", "data/", "public/build/", "test-results/", "coverage/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-explicit-any": "off",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-control-regex": "off",
    },
  },
  // The layers of docs (DESIGN.md, "Layers"): platform, then the page layer, then the domains,
  // then the wiring. An import never runs up, except type-only imports of `database.ts`, which
  // gathers every domain's table types. Tests may reach anything.
  {
    files: ["src/**/*.ts", "src/**/*.tsx"],
    ignores: ["src/**/*.test.ts", "src/**/*.test.tsx"],
    plugins: { boundaries },
    settings: {
      "import/resolver": { typescript: { project: "tsconfig.json" } },
      "boundaries/elements": [
        { type: "platform", pattern: "src/platform" },
        { type: "pages", pattern: "src/pages" },
        { type: "wiring", pattern: "src/cli" },
        { type: "domain", pattern: "src/*" },
        { type: "wiring", pattern: "src" },
      ],
    },
    rules: {
      "boundaries/dependencies": [
        "error",
        {
          default: "allow",
          policies: [
            {
              from: { element: { type: "platform" } },
              disallow: { to: { element: { types: { anyOf: ["pages", "domain", "wiring"] } } } },
            },
            {
              from: { element: { type: "pages" } },
              disallow: { to: { element: { types: { anyOf: ["domain", "wiring"] } } } },
            },
            {
              from: { element: { type: "domain" } },
              disallow: { to: { element: { type: "wiring" } } },
            },
            {
              from: { element: { types: { anyOf: ["platform", "pages", "domain"] } } },
              allow: {
                to: { element: { type: "wiring" } },
                dependency: {
                  kind: "type",
                  source: ["../database.js", "../../database.js", "../../../database.js", "../../../../database.js"],
                },
              },
            },
          ],
        },
      ],
    },
  },
  {
    // The Web Push service worker runs in the browser's worker scope.
    files: ["public/push-sw.js"],
    languageOptions: { globals: { self: "readonly", URL: "readonly", clients: "readonly" } },
  },
  {
    files: ["bin/**/*.js", "scripts/**/*.js"],
    languageOptions: { globals: { process: "readonly", console: "readonly" } },
  },
);
