/**
 * Runs at most `size` pieces of work at once, the rest waiting in arrival order. Cutting a
 * 12-megapixel photo holds a few hundred megabytes and both cores for seconds, so uploads take
 * turns instead of exhausting the machine together.
 */
export function workSlots(size: number) {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async function run<T>(work: () => Promise<T>): Promise<T> {
    if (active < size) active += 1;
    // A finishing piece of work hands its slot straight to the next in line.
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      return await work();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else active -= 1;
    }
  };
}
