/** "1 article", "2 articles": a count and its noun in the right number, everywhere we print one. */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString("en-GB")} ${count === 1 ? one : many}`;
}
