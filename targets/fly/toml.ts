// fly.toml text, section by section, in the order flyctl itself writes them, with comments above
// sections. smol-toml serializes the values (strings, numbers, booleans, arrays), so quoting and
// escaping follow the TOML spec; the layout (two-space indentation, blank lines) is stackc's.
import { stringify } from 'smol-toml';
import { oneLine } from '../../src/emit/text.js';

export type Value = string | number | boolean | readonly string[];

export interface Table {
  /** `[name]` or, for an array of tables, `[[name]]`. */
  name: string;
  array?: boolean;
  entries: [string, Value][];
  /** Comment lines written above the header. */
  comments?: string[];
  /** Sub-tables (`[http_service.concurrency]`, `[[http_service.checks]]`), indented below. */
  children?: Table[];
}

export interface TomlDocument {
  top: [string, Value][];
  tables: Table[];
}

/** A TOML key: bare when it can be, quoted otherwise. */
export const key = (k: string): string => (/^[A-Za-z0-9_-]+$/.test(k) ? k : stringify({ k }).trim().slice('k = '.length));

/** One value as TOML text. */
export function value(v: Value): string {
  const line = stringify({ v: v as string }).trim();
  return line.slice('v = '.length);
}

const pair = ([k, v]: [string, Value], indent: string): string => `${indent}${key(k)} = ${value(v)}\n`;

function table(t: Table, depth: number): string {
  const indent = '  '.repeat(depth);
  const inner = '  '.repeat(depth + 1);
  const header = t.array ? `[[${t.name}]]` : `[${t.name}]`;
  let text = (t.comments ?? []).map((c) => `${indent}# ${oneLine(c)}`.trimEnd() + '\n').join('');
  text += `${indent}${header}\n`;
  text += t.entries.map((e) => pair(e, inner)).join('');
  for (const child of t.children ?? []) text += `\n${table(child, depth + 1)}`;
  return text;
}

export function toToml(doc: TomlDocument): string {
  const parts: string[] = [];
  if (doc.top.length) parts.push(doc.top.map((e) => pair(e, '')).join(''));
  for (const t of doc.tables) parts.push(table(t, 0));
  return parts.join('\n');
}
