import { closeSync, createReadStream, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { write } from './write.js';

/**
 * Output written as it is made but printed later, from a temporary file: the sweep's details
 * come page by page yet follow its summary, which is known only at the end. Holding them
 * instead cost hundreds of MB at 100,000 orders due (SPEC 12).
 */
export class Spool {
  private readonly dir = mkdtempSync(join(tmpdir(), 'orders-spool-'));
  private readonly path = join(this.dir, 'out');
  private fd: number | null = openSync(this.path, 'w', 0o600);

  write(text: string): void {
    if (text && this.fd !== null) writeSync(this.fd, text);
  }

  /** Copies what was written to out, waiting for the reader when the pipe is full. */
  async copyTo(out: NodeJS.WritableStream): Promise<void> {
    this.closeFile();
    for await (const chunk of createReadStream(this.path)) await write(out, chunk as Buffer);
  }

  dispose(): void {
    this.closeFile();
    rmSync(this.dir, { recursive: true, force: true });
  }

  private closeFile(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }
}
