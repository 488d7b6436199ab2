export interface TagRef {
  slug: string;
  name: string;
  url: string;
}

export const tagPath = (slug: string) => `/tags/${slug}`;
