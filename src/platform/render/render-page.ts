import type { VNode } from "preact";
import { renderToString } from "preact-render-to-string";

/** A full HTML document from a page component: pure, data in, HTML out. */
export function renderDocument(page: VNode<any>): string {
  return `<!DOCTYPE html>${renderToString(page)}`;
}

/** JSON for a <script type="application/ld+json">: `<` escaped so no text can close the script. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}
