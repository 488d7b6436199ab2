import type { Image } from "../media/image.js";

export interface AuthorRef {
  slug: string;
  name: string;
  url: string;
}

export interface Author extends AuthorRef {
  id: number;
  role: string;
  bio: string;
  photo: Image | null;
  /** Their own pages elsewhere (a website, a profile), http(s) only. */
  links: { label: string; url: string }[];
}

export const authorPath = (slug: string) => `/authors/${slug}`;
