import { once } from 'node:events';

/** Writes a chunk, waiting for the pipe to drain when it is full, so a slow reader never makes us buffer everything. */
export async function write(out: NodeJS.WritableStream, chunk: string | Uint8Array): Promise<void> {
  if (!out.write(chunk)) await once(out, 'drain');
}
