/** SQLite caps bound variables per statement; `IN (...)` lists go in slices of this size. */
export const IN_LIMIT = 5000;

/** Runs fn on slices of items (IN_LIMIT, or a smaller size to bound memory), in order; the rows it returns, joined. */
export async function inChunks<I, T = never>(items: readonly I[], fn: (slice: I[]) => Promise<T[] | void>, size = IN_LIMIT): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < items.length; i += size) out.push(...((await fn(items.slice(i, i + size))) ?? []));
  return out;
}
