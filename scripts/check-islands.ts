// Keeps the islands convention (docs/adr/004) in step, run by `npm run check`:
// - every `Name.island.tsx` exports a component called `Name`, registered under "Name" in
//   src/client/islands.ts (else the server renders it and the browser never hydrates it);
// - every registered island comes from such a file;
// - every `<Island name="X" component={Y}>` on the server names a registered island, with X = Y
//   (the client looks the component up by that name).
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const src = path.join(root, "src");
const registry = path.join(src, "client", "islands.ts");

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

const rel = (file: string) => path.relative(root, file);
const problems: string[] = [];
const files = sourceFiles(src);

const registryText = fs.readFileSync(registry, "utf8");
const registryBody = /export const islands[^=]*=\s*\{([^}]*)\}/s.exec(registryText)?.[1] ?? "";
const registered = new Set(
  registryBody
    .split(/[,\n]/)
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => s.split(":")[0]!.trim()),
);

const islandFiles = files.filter((f) => f.endsWith(".island.tsx"));
const declared = new Set<string>();
for (const file of islandFiles) {
  const name = path.basename(file, ".island.tsx");
  declared.add(name);
  if (!new RegExp(`export function ${name}\\b|export const ${name}\\b`).test(fs.readFileSync(file, "utf8"))) {
    problems.push(`${rel(file)} does not export a component named ${name}.`);
  }
  if (!registered.has(name)) problems.push(`${name} (${rel(file)}) is not registered in ${rel(registry)}.`);
  const importPath = `./${path.relative(path.dirname(registry), file).replace(/\.tsx$/, ".js")}`.replace(
    "./../",
    "../",
  );
  if (!registryText.includes(`from "${importPath}"`)) {
    problems.push(`${rel(registry)} does not import ${name} from "${importPath}".`);
  }
}
for (const name of registered) {
  if (!declared.has(name)) problems.push(`${rel(registry)} registers ${name}, but there is no ${name}.island.tsx.`);
}

for (const file of files) {
  const text = fs.readFileSync(file, "utf8");
  for (const m of text.matchAll(/<Island\b([^>]*?)\/?>/gs)) {
    const attrs = m[1] ?? "";
    if (!attrs.includes("=")) continue; // prose such as "<Island name>" in a comment
    const name = /\bname="([^"]+)"/.exec(attrs)?.[1];
    const component = /\bcomponent=\{(\w+)\}/.exec(attrs)?.[1];
    if (!name) {
      problems.push(`${rel(file)}: an <Island> without a literal name="…".`);
      continue;
    }
    if (!registered.has(name)) problems.push(`${rel(file)}: <Island name="${name}"> is not a registered island.`);
    if (component && component !== name) {
      problems.push(`${rel(file)}: <Island name="${name}"> renders ${component}; the names must agree.`);
    }
  }
}

if (problems.length > 0) {
  for (const p of problems) console.error(`islands: ${p}`);
  process.exit(1);
}
console.log(`islands: ${islandFiles.length} islands in step.`);
