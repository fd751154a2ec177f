// `.env` files as Compose reads them (compose-go's dotenv): `KEY=value`, `export KEY=value`,
// comments, single quotes (literal), double quotes (escapes), inline ` #` comments on unquoted
// values, and `${VAR}` interpolation of earlier keys and the process environment in unquoted and
// double-quoted values.
import { interpolateString } from './interpolate.js';

export interface DotenvEntry {
  name: string;
  value: string;
  line: number;
}

export interface DotenvResult {
  entries: DotenvEntry[];
  /** Lines that are not `KEY=value`: 1-based line numbers and why. */
  problems: { line: number; message: string }[];
}

export function parseDotenv(text: string, lookup: (name: string) => string | undefined = () => undefined): DotenvResult {
  const entries: DotenvEntry[] = [];
  const problems: DotenvResult['problems'] = [];
  const values = new Map<string, string>();
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const lineNo = i + 1;
    let line = lines[i]!.trim();
    if (line === '' || line.startsWith('#')) continue;
    if (line.startsWith('export ')) line = line.slice(7).trimStart();
    const match = /^([A-Za-z_][A-Za-z0-9_.-]*)\s*(=|:)?\s?(.*)$/.exec(line);
    if (!match) {
      problems.push({ line: lineNo, message: 'expected `NAME=value`' });
      continue;
    }
    const name = match[1]!;
    if (!match[2] && match[3]!.trim() !== '') {
      problems.push({ line: lineNo, message: 'expected `NAME=value`' });
      continue;
    }
    if (!match[2]) {
      // `NAME` alone: taken from the environment when set.
      const v = lookup(name);
      if (v !== undefined) {
        entries.push({ name, value: v, line: lineNo });
        values.set(name, v);
      }
      continue;
    }
    let rest = match[3]!.trimStart();
    let value: string;
    const quote = rest[0];
    if (quote === "'" || quote === '"') {
      // A quoted value may span lines.
      let body = rest.slice(1);
      let end = closingQuote(body, quote);
      while (end < 0 && i + 1 < lines.length) {
        body += `\n${lines[++i]}`;
        end = closingQuote(body, quote);
      }
      if (end < 0) {
        problems.push({ line: lineNo, message: `unterminated ${quote === '"' ? 'double' : 'single'}-quoted value` });
        continue;
      }
      value = body.slice(0, end);
      if (quote === '"') {
        value = value.replace(/\\([\\"nrt$])/g, (_, c: string) => ({ n: '\n', r: '\r', t: '\t' })[c] ?? c);
        value = interpolateString(value, (n) => values.get(n) ?? lookup(n)).value;
      }
    } else {
      const comment = rest.search(/\s#/);
      if (comment >= 0) rest = rest.slice(0, comment);
      value = interpolateString(rest.trimEnd(), (n) => values.get(n) ?? lookup(n)).value;
    }
    entries.push({ name, value, line: lineNo });
    values.set(name, value);
  }
  return { entries, problems };
}

function closingQuote(body: string, quote: string): number {
  for (let i = 0; i < body.length; i++) {
    if (quote === '"' && body[i] === '\\') {
      i++;
      continue;
    }
    if (body[i] === quote) return i;
  }
  return -1;
}
