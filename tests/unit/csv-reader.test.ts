import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { CsvReader, CsvSyntaxError } from '../../src/core/csv-reader.ts';

/** Feeds text in chunks of the given sizes (cycled) and returns [line, cells] per record. */
function read(text: string, sizes = [text.length || 1]): [number, string[]][] {
  const out: [number, string[]][] = [];
  const r = new CsvReader((cells, line) => out.push([line, cells]));
  for (let i = 0, k = 0; i < text.length; k++) {
    const n = sizes[k % sizes.length]!;
    r.push(text.slice(i, i + n));
    i += n;
  }
  r.end();
  return out;
}

function pythonRows(text: string): string[][] {
  const py = spawnSync('python3', ['-c', 'import csv,io,json,sys; print(json.dumps(list(csv.reader(io.StringIO(sys.stdin.read(), newline="")))))'], { input: text, encoding: 'utf8' });
  if (py.status !== 0) throw new Error(py.stderr);
  return (JSON.parse(py.stdout) as string[][]).filter((r) => r.length);
}

const TRICKY = [
  'id,name,note\r\n',
  '1,"Rahma, Sri","She said ""yes"""\r\n',
  '2,"line one\r\nline two\nline three",=SUM(A1)\r\n',
  '3,,\r\n',
  '\r\n',
  '4,"",""""\n',
  '5,Ω 😀 é,"a,b\nc"\n',
  '6,"ends with quote""",last',
].join('');

describe('CsvReader', () => {
  it('reads what Python reads, whatever the chunk sizes', () => {
    const expected = pythonRows(TRICKY);
    for (const sizes of [[TRICKY.length], [1], [2, 3], [7], [64]]) {
      expect(read(TRICKY, sizes).map(([, cells]) => cells)).toEqual(expected);
    }
  });

  it('gives the line each record starts on, counting breaks inside quotes and skipped empty lines', () => {
    expect(read(TRICKY).map(([line]) => line)).toEqual([1, 2, 3, 6, 8, 9, 11]);
  });

  it('drops a byte-order mark and keeps empty cells', () => {
    expect(read('\ufeffa,b\n,\n')).toEqual([[1, ['a', 'b']], [2, ['', '']]]);
    expect(read('a\r\n\r\n\r')).toEqual([[1, ['a']]]);
  });

  it.each([
    ['a,b\n1,"open\n', 2, /never closed/],
    ['a,b\n1,"x"y\n', 2, /text after a closing quote/],
    ['a,b\n"q\nq",x\n1,b"c\n', 4, /quote inside it without being quoted/],
  ])('refuses broken quoting with the line: %j', (text, line, message) => {
    for (const sizes of [[text.length], [1], [3]]) {
      let err: unknown;
      try {
        read(text, sizes);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(CsvSyntaxError);
      expect((err as CsvSyntaxError).line).toBe(line);
      expect((err as Error).message).toMatch(message);
    }
  });
});
