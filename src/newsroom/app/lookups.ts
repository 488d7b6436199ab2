import { api } from "./api.js";
import type { Author, Section } from "./types.js";

// Lists every view needs (sections, authors): fetched once, refreshed after a manager edits them.

let sections: Promise<Section[]> | undefined;
let authors: Promise<Author[]> | undefined;

const items = <T>(res: T[] | { items: T[] }): T[] => (Array.isArray(res) ? res : res.items);

export function loadSections(): Promise<Section[]> {
  return (sections ??= api.get<Section[] | { items: Section[] }>("/sections").then(items, (err: unknown) => {
    sections = undefined;
    throw err;
  }));
}

export function loadAuthors(): Promise<Author[]> {
  return (authors ??= api.get<Author[] | { items: Author[] }>("/authors").then(items, (err: unknown) => {
    authors = undefined;
    throw err;
  }));
}

export function forgetLookups(): void {
  sections = undefined;
  authors = undefined;
}

export { items as listItems };
