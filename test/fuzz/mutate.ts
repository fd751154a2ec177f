// Mutations of valid stack.yaml text: what editors, merges, copy-paste and hostile pull requests do
// to a file. Each is a pure function of (text, random source), so a failing input is reproducible
// from its seed.
export type Rand = () => number;

/** A small deterministic PRNG (mulberry32). */
export function rng(seed: number): Rand {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(r: Rand, items: readonly T[]): T => items[Math.floor(r() * items.length)]!;
const lineIndex = (r: Rand, lines: string[]) => Math.floor(r() * lines.length);

/** Odd bytes and characters: NUL, BOM, right-to-left marks, emoji, combining marks, lone surrogates, control characters. */
const ODD = ['\u0000', '\ufeff', '\u202e', '\u200f', '\u200b', '😀', '👨‍👩‍👧', 'e\u0301', '\ud800', '\u0007', '\u001b[31m', '\t', '\r', '\u2028', '\u00a0', 'İ', 'ß', '\\', '"', "'", '#', ':', '- ', '{', '}', '[', ']', '&', '*', '!', '|', '>', '%', '@', '`'];

/** YAML 1.1 values and numbers at the edges. */
const SCALARS = ['NO', 'no', 'Yes', 'on', 'OFF', 'y', '~', 'null', '0o777', '0777', '0x1F', '1e400', '-1e400', '.inf', '-.Inf', '.NaN', '1_000', '12:30:00', '2024-01-01', '0.1e-999', '9007199254740993', '-0', '""', "''", '[]', '{}', '!!binary aGVsbG8=', '!!str 1', '!!int "x"', '!!float', '!custom x', '|\n  block', '>-\n  folded', '"\\x00"', '"\\uD800"', '&anchor x', '*nope', '<<: *nope'];

type Mutation = (text: string, r: Rand) => string;

const MUTATIONS: Record<string, Mutation> = {
  dropLine(text, r) {
    const lines = text.split('\n');
    lines.splice(lineIndex(r, lines), 1);
    return lines.join('\n');
  },
  duplicateLine(text, r) {
    const lines = text.split('\n');
    const i = lineIndex(r, lines);
    lines.splice(i, 0, lines[i]!);
    return lines.join('\n');
  },
  swapLines(text, r) {
    const lines = text.split('\n');
    const i = lineIndex(r, lines);
    const j = lineIndex(r, lines);
    [lines[i], lines[j]] = [lines[j]!, lines[i]!];
    return lines.join('\n');
  },
  shiftIndent(text, r) {
    const lines = text.split('\n');
    const i = lineIndex(r, lines);
    lines[i] = r() < 0.5 ? `${' '.repeat(1 + Math.floor(r() * 4))}${lines[i]}` : lines[i]!.replace(/^ {1,3}/, '');
    return lines.join('\n');
  },
  tabIndent(text, r) {
    const lines = text.split('\n');
    const i = lineIndex(r, lines);
    lines[i] = lines[i]!.replace(/^ +/, '\t');
    return lines.join('\n');
  },
  insertOdd(text, r) {
    const at = Math.floor(r() * (text.length + 1));
    return text.slice(0, at) + pick(r, ODD) + text.slice(at);
  },
  replaceChar(text, r) {
    const at = Math.floor(r() * text.length);
    return text.slice(0, at) + pick(r, ODD) + text.slice(at + 1);
  },
  truncate(text, r) {
    return text.slice(0, Math.floor(r() * text.length));
  },
  bom(text) {
    return `\ufeff${text}`;
  },
  crlf(text) {
    return text.replace(/\n/g, '\r\n');
  },
  /** Replaces a scalar value (after `: ` or `- `) with an odd one: a type swap. */
  swapScalar(text, r) {
    const lines = text.split('\n');
    const candidates = lines.map((l, i) => [l, i] as const).filter(([l]) => /(: |- )\S/.test(l) && !/^\s*#/.test(l));
    if (!candidates.length) return text;
    const [line, i] = pick(r, candidates);
    const m = /^([\s\S]*?(?:: |- ))([\s\S]*)$/.exec(line);
    if (!m) return text;
    lines[i] = `${m[1]}${pick(r, SCALARS)}`;
    return lines.join('\n');
  },
  /** Turns a scalar into a map or a list, or the reverse. */
  swapType(text, r) {
    const lines = text.split('\n');
    const i = lineIndex(r, lines);
    const line = lines[i]!;
    const m = /^(\s*(?:- )?[^:#]+:)\s*(.*)$/.exec(line);
    if (!m) return text;
    lines[i] = `${m[1]} ${pick(r, ['[]', '{}', `[${m[2] || 'x'}]`, `{ a: ${m[2] || 'x'} }`, '', 'null', '- x'])}`;
    return lines.join('\n');
  },
  /** Anchors, aliases and merge keys: a map copied by alias, merged, or aliased to itself. */
  anchors(text, r) {
    const lines = text.split('\n');
    const keyed = lines.map((l, i) => [l, i] as const).filter(([l]) => /^\s*[a-z_-]+:\s*$/.test(l));
    if (!keyed.length) return `x-a: &a { k: v }\n${text}\ny: *a\n`;
    const [line, i] = pick(r, keyed);
    const indent = /^\s*/.exec(line)![0];
    const variant = Math.floor(r() * 4);
    if (variant === 0) lines[i] = `${line} &node`;
    if (variant === 1) lines.splice(i + 1, 0, `${indent}  <<: *node`);
    if (variant === 2) lines.splice(i + 1, 0, `${indent}  <<: [*node, *node]`);
    if (variant === 3) lines[i] = `${line.replace(/:\s*$/, ':')} *node`;
    return `x-base: &node { image: nginx, replicas: 2 }\n${lines.join('\n')}`;
  },
  /** Keys that look like paths, are not DNS labels, or collide. */
  oddKey(text, r) {
    const lines = text.split('\n');
    const keyed = lines.map((l, i) => [l, i] as const).filter(([l]) => /^\s+[a-z][a-z0-9-]*:/.test(l));
    if (!keyed.length) return text;
    const [line, i] = pick(r, keyed);
    lines[i] = line.replace(/^(\s+)[a-z][a-z0-9-]*:/, (_, s: string) => `${s}${pick(r, ['../x', '/etc/passwd', 'API', 'a_b', 'a'.repeat(64), '-x', 'x-', 'ÿ', '"a:b"', '? complex', '__proto__', 'constructor', 'toString', '0', '1.5', 'true', '~'])}:`);
    return lines.join('\n');
  },
  /** Doubles a whole block (a duplicate key at some level). */
  duplicateBlock(text, r) {
    const lines = text.split('\n');
    const i = lineIndex(r, lines);
    const indent = /^\s*/.exec(lines[i]!)![0].length;
    let j = i + 1;
    while (j < lines.length && (/^\s*$/.test(lines[j]!) || /^\s*/.exec(lines[j]!)![0].length > indent)) j++;
    return [...lines.slice(0, j), ...lines.slice(i, j), ...lines.slice(j)].join('\n');
  },
  /** A reference with a typo, or reference syntax in odd places. */
  oddReference(text, r) {
    const at = Math.floor(r() * (text.length + 1));
    return text.slice(0, at) + pick(r, ['${', '${resources.}', '${resources.nope.url}', '${environment.domain', '$${x}', '${services.api.public_url}', '${{ github.event.issue.title }}', '$(rm -rf /)', '`id`']) + text.slice(at);
  },
};

export const MUTATION_NAMES = Object.keys(MUTATIONS);

/** Applies 1–3 random mutations; returns the text and what was done. */
export function mutate(text: string, r: Rand): { text: string; applied: string[] } {
  const applied: string[] = [];
  const count = 1 + Math.floor(r() * 3);
  let out = text;
  for (let i = 0; i < count; i++) {
    const name = pick(r, MUTATION_NAMES);
    out = MUTATIONS[name]!(out, r);
    applied.push(name);
  }
  return { text: out, applied };
}
