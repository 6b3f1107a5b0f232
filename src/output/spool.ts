import { closeSync, createReadStream, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { write } from './write.js';

/**
 * Output written as it is made but printed later, from a temporary file: the sweep's details
 * come page by page yet follow its summary, known only at the end, and `remind` prints its
 * messages only once they are recorded (committed). Holding them instead cost hundreds of MB
 * at 100,000 orders due (SPEC 12). Writes go straight to the file, so it never buffers.
 */
export class Spool extends Writable {
  private readonly dir = mkdtempSync(join(tmpdir(), 'orders-spool-'));
  private readonly path = join(this.dir, 'out');
  private fd: number | null = openSync(this.path, 'w', 0o600);

  constructor() {
    super({ decodeStrings: false });
  }

  override _write(chunk: string | Buffer, _encoding: BufferEncoding, done: (err?: Error | null) => void): void {
    try {
      if (this.fd !== null && chunk.length) {
        if (typeof chunk === 'string') writeSync(this.fd, chunk);
        else writeSync(this.fd, chunk);
      }
      done();
    } catch (err) {
      done(err as Error);
    }
  }

  /** Copies what was written to out, waiting for the reader when the pipe is full. */
  async copyTo(out: NodeJS.WritableStream): Promise<void> {
    this.closeFile();
    // Text chunks live in the JS heap and die young; 64 KB Buffers piled up outside it (+30 MB).
    for await (const chunk of createReadStream(this.path, { encoding: 'utf8' })) await write(out, chunk as string);
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
