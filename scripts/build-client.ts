import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

// Builds the browser code (public/build) with Vite. `npm install` builds it (the `prepare`
// script) and `npm start` runs this with --if-stale, which builds only when the build is missing
// or one of the files it was made from (listed by the build in .vite/inputs.json), the Vite
// configuration or the locked dependencies changed since: a start then costs a few file checks,
// not a 10-second build, and an install owned by another user starts without writing anything.

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const ALWAYS = ["vite.config.ts", "package.json", "package-lock.json"];

export type BuildState = { state: "current" } | { state: "missing" } | { state: "stale"; changed: string };

/** Whether the build under `root` is current, missing, or older than one of its inputs (named). */
export function clientBuildState(root = ROOT): BuildState {
  const inputsFile = path.join(root, "public/build/.vite/inputs.json");
  const manifest = path.join(root, "public/build/.vite/manifest.json");
  if (!fs.existsSync(inputsFile) || !fs.existsSync(manifest)) return { state: "missing" };
  const builtAt = fs.statSync(inputsFile).mtimeMs;
  const inputs = JSON.parse(fs.readFileSync(inputsFile, "utf8")) as string[];
  for (const file of [...ALWAYS, ...inputs]) {
    const stat = fs.statSync(path.join(root, file), { throwIfNoEntry: false });
    if (!stat) {
      if (ALWAYS.includes(file)) continue;
      return { state: "stale", changed: file };
    }
    if (stat.mtimeMs > builtAt) return { state: "stale", changed: file };
  }
  return { state: "current" };
}

async function main(args: string[]): Promise<number> {
  if (args.includes("--if-stale")) {
    const current = clientBuildState();
    if (current.state === "current") return 0;
    console.log(
      current.state === "missing"
        ? "Building the browser code (public/build is missing)…"
        : `Building the browser code (${current.changed} changed)…`,
    );
  }
  const { build } = await import("vite");
  try {
    // The "runner" loader reads vite.config.ts in memory: the default bundles it into
    // node_modules/.vite-temp, which a user who does not own the install cannot write.
    await build({ root: ROOT, configLoader: "runner", logLevel: "warn" });
    return 0;
  } catch (err) {
    const reason = err instanceof Error ? err.message.split("\n")[0] : String(err);
    console.error(
      `Could not build the browser code in ${path.join(ROOT, "public/build")}: ${reason}\n` +
        "Run `npm run build:client` as the user who owns the installation." +
        (args.includes("--if-stale") ? " Starting with the build as it is." : ""),
    );
    // Starting matters more than fresh scripts: the site reads without them, the newsroom says so.
    return args.includes("--if-stale") ? 0 : 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  process.exitCode = await main(process.argv.slice(2));
}
