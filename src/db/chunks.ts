/** `IN (...)` lists go in slices of this size: under both engines' bound-parameter limits. */
export const IN_LIMIT = 5000;

export async function inChunks<T>(ids: readonly number[], fn: (slice: number[]) => Promise<T[]>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < ids.length; i += IN_LIMIT) out.push(...(await fn(ids.slice(i, i + IN_LIMIT))));
  return out;
}
