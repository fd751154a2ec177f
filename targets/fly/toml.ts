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

type Doc = Record<string, unknown>;
const isTable = (v: unknown): v is Doc => typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date);
const isTableArray = (v: unknown): v is Doc[] => Array.isArray(v) && v.length > 0 && v.every(isTable);

/**
 * A parsed (and patched) fly.toml as a document toToml writes: plain keys first, then each table
 * and array of tables in key order, sub-tables below their table. What a patch changes is written
 * in this generic layout (flyctl reads the same TOML).
 */
export function fromObject(doc: Doc): TomlDocument {
  const tables = (prefix: string, from: Doc): Table[] =>
    Object.entries(from).flatMap(([k, v]): Table[] => {
      const name = prefix ? `${prefix}.${key(k)}` : key(k);
      if (isTable(v)) return [{ name, entries: plain(v), children: tables(name, v) }];
      if (isTableArray(v)) return v.map((t) => ({ name, array: true, entries: plain(t), children: tables(name, t) }));
      return [];
    });
  return { top: plain(doc), tables: tables('', doc) };
}

const plain = (t: Doc): [string, Value][] => Object.entries(t).filter(([, v]) => !isTable(v) && !isTableArray(v)) as [string, Value][];
