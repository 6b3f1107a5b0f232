import { UsageError } from '../core/errors.js';

/**
 * A logic-less renderer: {{name}} inserts a value, {{#flag}}...{{/flag}} keeps its body when the
 * flag is true, {{^flag}}...{{/flag}} when false. Nothing in a template can run code. A name
 * that is not a known value, or a value the order cannot have, is an error naming it.
 */
export class Missing {
  constructor(readonly reason: string) {}
}

export type Value = string | boolean | Missing;
export type Values = Record<string, Value>;

const TAG = /\{\{\s*([#^/]?)\s*([^}]*?)\s*\}\}/g;
const NAME = /^[a-z][a-z0-9_]*$/;

interface Node {
  kind: 'text' | 'value' | 'section' | 'inverted';
  text?: string;
  name?: string;
  children?: Node[];
}

/** Sections nest at most this deep: deeper is a mistake, and each level costs stack when rendered. */
export const MAX_DEPTH = 20;

/**
 * A tag alone on its line takes the line with it, so sections do not leave blank lines. The
 * newline becomes a NUL mark, so an error can still name the line of the file.
 */
function dropStandalone(source: string): string {
  return source.replace(/^[ \t]*(\{\{\s*[#^/][^}]*\}\})[ \t]*\r?\n/gm, '$1\u0000');
}

export function parseTemplate(source: string, label: string): Node[] {
  const root: Node[] = [];
  const stack: { name: string; nodes: Node[]; line: number }[] = [{ name: '', nodes: root, line: 1 }];
  let last = 0;
  let line = 1;
  const text = dropStandalone(source);
  const fail = (what: string, at = line) => new UsageError(`Template ${label}, line ${at}: ${what}.`);
  const addText = (nodes: Node[], piece: string) => {
    const open = piece.search(/\{\{|\}\}/);
    if (open >= 0) throw fail(`"${piece.slice(open, open + 20).split(/[\n\u0000]/)[0]}" is not a complete tag; write {{name}}, {{#name}}...{{/name}} or {{^name}}...{{/name}}`, line + countLines(piece.slice(0, open)));
    nodes.push({ kind: 'text', text: piece.replaceAll('\u0000', '') });
  };
  for (const m of text.matchAll(TAG)) {
    const top = stack[stack.length - 1]!;
    if (m.index! > last) addText(top.nodes, text.slice(last, m.index));
    line += countLines(text.slice(last, m.index));
    last = m.index! + m[0].length;
    const [, sigil, name] = m as unknown as [string, string, string];
    if (!NAME.test(name)) throw fail(`malformed tag ${m[0]}: use {{name}}, {{#name}}...{{/name}} or {{^name}}...{{/name}}`);
    if (sigil === '/') {
      if (top.name !== name) throw fail(`it closes {{/${name}}} but ${top.name ? `{{#${top.name}}} is open` : 'no section is open'}`);
      stack.pop();
    } else if (sigil === '#' || sigil === '^') {
      if (stack.length > MAX_DEPTH) throw fail(`sections are nested deeper than ${MAX_DEPTH}`);
      const node: Node = { kind: sigil === '#' ? 'section' : 'inverted', name, children: [] };
      top.nodes.push(node);
      stack.push({ name, nodes: node.children!, line });
    } else {
      top.nodes.push({ kind: 'value', name });
    }
    line += countLines(m[0]);
  }
  if (stack.length > 1) {
    const open = stack[stack.length - 1]!;
    throw fail(`it never closes {{#${open.name}}}`, open.line);
  }
  if (last < text.length) addText(root, text.slice(last));
  return root;
}

function countLines(text: string): number {
  let n = 0;
  for (const c of text) if (c === '\n' || c === '\u0000') n++;
  return n;
}

function lookup(values: Values, name: string, label: string): string | boolean {
  if (!(name in values)) {
    throw new UsageError(`Template ${label} uses {{${name}}}, which is not a known value; \`orders templates show\` lists the values.`);
  }
  const v = values[name]!;
  if (v instanceof Missing) throw new UsageError(`Template ${label} needs ${name}, which ${v.reason}.`);
  return v;
}

function renderNodes(nodes: Node[], values: Values, label: string): string {
  let out = '';
  for (const n of nodes) {
    if (n.kind === 'text') out += n.text;
    else if (n.kind === 'value') {
      const v = lookup(values, n.name!, label);
      if (typeof v !== 'string') throw new UsageError(`Template ${label} prints {{${n.name}}}, which is a yes/no flag; use it as {{#${n.name}}}...{{/${n.name}}}.`);
      out += v;
    } else {
      const v = lookup(values, n.name!, label);
      if (typeof v !== 'boolean') throw new UsageError(`Template ${label} uses {{${n.kind === 'section' ? '#' : '^'}${n.name}}} as a flag, but it is a text value.`);
      if (v === (n.kind === 'section')) out += renderNodes(n.children!, values, label);
    }
  }
  return out;
}

export function render(source: string, values: Values, label: string): string {
  const text = renderNodes(parseTemplate(source, label), values, label);
  return `${text.replace(/\n{3,}/g, '\n\n').trim()}\n`;
}

/** The value names a template uses, for `orders templates show`. */
export function namesIn(source: string, label: string): string[] {
  const names = new Set<string>();
  const walk = (nodes: Node[]) => nodes.forEach((n) => {
    if (n.name) names.add(n.name);
    if (n.children) walk(n.children);
  });
  walk(parseTemplate(source, label));
  return [...names];
}
