/**
 * An RFC 4180 reader fed string chunks: calls back with each record's cells and the line it
 * starts on. Quoted cells may hold commas, doubled quotes and line breaks; records end with
 * CRLF or LF; empty lines are skipped; a byte-order mark is dropped. csv-parse took 2.6-3.5 s
 * to read 100,000 exported rows (30 MB) on the bench machine, more than `sqlite3 .import`
 * takes for the whole file, so imports read with this instead (bench/README.md).
 */
export class CsvSyntaxError extends Error {
  constructor(readonly line: number, message: string) {
    super(message);
  }
}

const QUOTE = 34;
const COMMA = 44;
const CR = 13;
const LF = 10;

export class CsvReader {
  private rest = '';
  private line = 1;
  private first = true;

  constructor(private readonly onRecord: (cells: string[], line: number) => void) {}

  /** The line that text would end on if it were pushed now: where a problem in it is reported. */
  lineAfter(text: string): number {
    let n = this.line;
    for (const t of [this.rest, text]) for (let i = t.indexOf('\n'); i !== -1; i = t.indexOf('\n', i + 1)) n++;
    return n;
  }

  push(chunk: string): void {
    let text = this.rest + chunk;
    if (this.first && text) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      this.first = false;
    }
    this.rest = text.slice(this.consume(text, false));
  }

  /** The input has ended: the last record needs no line break, an open quote is an error. */
  end(): void {
    if (this.rest) this.consume(this.rest, true);
    this.rest = '';
  }

  /** Reads every complete record of s; returns where the unfinished one starts. */
  private consume(s: string, final: boolean): number {
    const n = s.length;
    let pos = 0;
    let nextQuote = -2;
    while (pos < n) {
      const c0 = s.charCodeAt(pos);
      if (c0 === LF || (c0 === CR && s.charCodeAt(pos + 1) === LF)) {
        pos += c0 === LF ? 1 : 2;
        this.line++;
        continue;
      }
      if (c0 === CR && pos + 1 >= n) {
        if (!final) return pos;
        break;
      }
      const cells: string[] = [];
      let breaks = 0;
      let i = pos;
      let eol = s.indexOf('\n', i);
      if (eol === -1) {
        if (!final) return pos;
        eol = n;
      }
      for (;;) {
        if (s.charCodeAt(i) === QUOTE) {
          let value = '';
          let j = i + 1;
          for (;;) {
            const q = s.indexOf('"', j);
            if (q === -1 || (q + 1 >= n && !final)) {
              if (!final) return pos;
              throw new CsvSyntaxError(this.line, 'a quoted cell is never closed: its closing quote is missing');
            }
            if (s.charCodeAt(q + 1) === QUOTE) {
              value += s.slice(j, q + 1);
              j = q + 2;
              continue;
            }
            value += s.slice(j, q);
            i = q + 1;
            break;
          }
          for (let k = value.indexOf('\n'); k !== -1; k = value.indexOf('\n', k + 1)) breaks++;
          cells.push(value);
          if (i > eol) {
            eol = s.indexOf('\n', i);
            if (eol === -1) {
              if (!final) return pos;
              eol = n;
            }
          }
          const c = s.charCodeAt(i);
          if (c === COMMA) {
            i++;
            continue;
          }
          if (i === eol || (c === CR && i + 1 === eol)) {
            i = eol + 1;
            break;
          }
          if (c === CR && i + 1 >= n && !final) return pos;
          throw new CsvSyntaxError(this.line + breaks, 'there is text after a closing quote; quote the whole cell and double any quote inside it');
        }
        let comma = s.indexOf(',', i);
        if (comma === -1 || comma > eol) comma = eol;
        if (nextQuote < i && nextQuote !== -1) nextQuote = s.indexOf('"', i);
        if (nextQuote !== -1 && nextQuote < comma) {
          throw new CsvSyntaxError(this.line + breaks, 'a cell has a quote inside it without being quoted; quote the whole cell and double the quote');
        }
        if (comma < eol) {
          cells.push(s.slice(i, comma));
          i = comma + 1;
          continue;
        }
        cells.push(s.slice(i, eol > i && s.charCodeAt(eol - 1) === CR ? eol - 1 : eol));
        i = eol + 1;
        break;
      }
      this.onRecord(cells, this.line);
      this.line += 1 + breaks;
      pos = i;
    }
    return n;
  }
}
