import type { ErrorObject } from 'ajv';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { closest, didYouMean, oneOfList } from '../diagnostics/suggest.js';
import { toDnsLabel } from '../model/dns-label.js';
import { findNode } from './parse.js';
import { locate, type DataPath, type ParsedSource } from './parse.js';

/** The parts of a JSON Schema the messages draw on. */
interface SchemaLike {
  description?: string;
  examples?: unknown[];
  properties?: Record<string, SchemaLike>;
  patternProperties?: Record<string, unknown>;
  anyOf?: SchemaLike[];
  oneOf?: SchemaLike[];
  required?: string[];
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  $ref?: string;
}

/** ajv errors carry these with `verbose: true`. */
type VerboseError = ErrorObject & { parentSchema?: SchemaLike; schema?: unknown; data?: unknown };

/** One reported problem before it is turned into a diagnostic. */
interface Problem {
  path: DataPath;
  /** Point at the key of the last path segment instead of its value. */
  atKey?: boolean;
  code: string;
  message: string;
  hint?: string;
  /** For `required` errors: the key that is missing. */
  missingKey?: string;
}

export function pointerToPath(pointer: string): (string | number)[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^(0|[1-9][0-9]*)$/.test(s) ? Number(s) : s));
}

/**
 * Turns ajv's raw errors into one clear diagnostic per problem: unknown keys with the nearest valid
 * key, anyOf/oneOf alternatives collapsed to the branch the value was meant for, examples as hints.
 */
export function schemaDiagnostics(source: ParsedSource, errors: readonly ErrorObject[]): Diagnostic[] {
  const problems = withoutExplainedMissingKeys(collapseAlternatives(errors as VerboseError[], source));
  const seen = new Set<string>();
  const out: Diagnostic[] = [];
  for (const p of problems) {
    const at = locate(source, p.path, { key: p.atKey });
    const id = `${at.line}:${at.col}:${p.message}`;
    if (seen.has(id)) continue;
    seen.add(id);
    out.push({ severity: 'error', code: p.code, message: p.message, at, ...(p.hint ? { hint: p.hint } : {}) });
  }
  return out;
}

/** "missing `services`" next to "unknown key `servces` — did you mean `services`?" says the same twice. */
function withoutExplainedMissingKeys(problems: Problem[]): Problem[] {
  const typos = problems.filter((p) => p.code === 'unknown-key');
  return problems.filter((p) => {
    if (p.code !== 'missing-key' || !p.missingKey) return true;
    const parent = p.path.join('/');
    return !typos.some((t) => t.path.slice(0, -1).join('/') === parent && closest(String(t.path.at(-1)), [p.missingKey!]) !== undefined);
  });
}

function collapseAlternatives(errors: VerboseError[], source: ParsedSource): Problem[] {
  // ajv emits the errors of each anyOf/oneOf branch just before the anyOf/oneOf error itself, so
  // when one arrives we take back the problems reported under its path and decide what to keep.
  const out: { path: string; error: VerboseError; problems: Problem[] }[] = [];
  for (const error of errors) {
    if (error.keyword === 'propertyNames') continue; // its inner error (with propertyName) says more
    if (error.keyword === 'if') continue; // the error inside its `then` (a missing key) says what is wrong
    if (error.keyword !== 'anyOf' && error.keyword !== 'oneOf') {
      out.push({ path: error.instancePath, error, problems: [describe(error, source)] });
      continue;
    }
    const branches: typeof out = [];
    while (out.length > 0 && isUnder(out.at(-1)!.path, error.instancePath)) branches.unshift(out.pop()!);
    out.push({ path: error.instancePath, error, problems: alternatives(error, branches, source) });
  }
  return out.flatMap((e) => e.problems);
}

const isUnder = (path: string, parent: string): boolean => path === parent || path.startsWith(`${parent}/`);

function alternatives(error: VerboseError, branches: { path: string; error: VerboseError; problems: Problem[] }[], source: ParsedSource): Problem[] {
  const path = pointerToPath(error.instancePath);
  const name = subject(path);
  const options = (error.schema as SchemaLike[] | undefined) ?? [];
  const requiredOnly = options.length > 0 && options.every((o) => Object.keys(o).length === 1 && o.required?.length === 1);

  if (requiredOnly) {
    const keys = options.map((o) => o.required![0]!);
    const passing = (error.params as { passingSchemas?: number[] | null }).passingSchemas;
    if (passing && passing.length > 1) {
      const present = passing.map((i) => keys[i]!);
      return [{ path, code: 'exclusive-keys', message: `${name} takes only one of ${oneOfList(keys)}, not both ${oneOfList(present, 'and')}`, hint: `keep one of ${oneOfList(present)} and remove the other` }];
    }
    return [{ path, atKey: true, code: 'missing-key', message: `${name} needs one of ${oneOfList(keys)}`, hint: hintFromExamples(error.parentSchema) }];
  }

  // Branches whose type matched the value: their problems are the real ones (a map is never what a
  // branch listing words was meant for: `rollout: { strategy: recreat }` is not a misspelt strategy).
  const typeMismatch = (b: { path: string; error: VerboseError }) =>
    b.path === error.instancePath && (b.error.keyword === 'type' || (b.error.keyword === 'enum' && typeof b.error.data === 'object' && b.error.data !== null));
  const meant = branches.filter((b) => !typeMismatch(b));
  if (meant.length > 0) {
    const fallback = descriptionHint(error.parentSchema);
    return meant.flatMap((b) => b.problems).map((p) => (p.hint || !fallback || p.code !== 'invalid-value' ? p : { ...p, hint: fallback }));
  }

  const value = findValue(source, path);
  const expected = [...new Set(options.map(typeWords).filter(Boolean))];
  return [{
    path,
    code: 'wrong-type',
    message: `${name} must be ${joinWords(expected)}, not ${typeOf(value)}`,
    hint: quoteHint(source, path, value, expected) ?? hintFromExamples(error.parentSchema),
  }];
}

function describe(error: VerboseError, source: ParsedSource): Problem {
  const path = pointerToPath(error.instancePath);
  const name = subject(path);
  const parent = error.parentSchema ?? {};
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = String(params.additionalProperty);
      const known = Object.keys(parent.properties ?? {});
      const suggestion = didYouMean(key, known);
      const extension = parent.patternProperties && '^x-' in parent.patternProperties ? ' (or an `x-` extension key)' : '';
      return {
        path: [...path, key],
        atKey: true,
        code: 'unknown-key',
        message: `unknown key \`${key}\` in ${path.length === 0 ? 'the stack' : name}`,
        hint: suggestion ?? `valid keys here: ${known.map((k) => `\`${k}\``).join(', ')}${extension}`,
      };
    }
    case 'required': {
      const key = String(params.missingProperty);
      const described = parent.properties?.[key];
      return {
        path,
        atKey: path.length > 0,
        code: 'missing-key',
        missingKey: key,
        message: `${path.length === 0 ? 'the stack' : name} is missing the required key \`${key}\``,
        hint: hintFromExamples(described, key) ?? `add \`${key}:\``,
      };
    }
    case 'propertyNames':
    case 'pattern':
    case 'minLength':
    case 'maxLength':
      if (error.propertyName !== undefined) return invalidName(path, error.propertyName, parent);
      return invalidValue(path, name, error, source);
    case 'type': {
      const value = findValue(source, path);
      if (path.length === 0) return rootTypeProblem(value);
      const expected = [typeWords(parent)];
      return { path, code: 'wrong-type', message: `${name} must be ${joinWords(expected)}, not ${typeOf(value)}`, hint: quoteHint(source, path, value, expected) ?? hintFromExamples(parent) };
    }
    case 'enum': {
      const allowed = (params.allowedValues as unknown[]).map(String);
      const value = String(error.data);
      return { path, code: 'invalid-value', message: `${name} cannot be \`${value}\``, hint: didYouMean(value, allowed) ?? `use one of ${oneOfList(allowed)}` };
    }
    case 'const':
      return { path, code: 'invalid-value', message: `${name} must be \`${JSON.stringify(params.allowedValue)}\``, hint: path.join('.') === 'stack' ? 'this version of stackc reads format version 1: write `stack: 1`' : undefined };
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return { path, code: 'out-of-range', message: `${name} must be ${rangeWords(error.keyword, params.limit)}, not ${JSON.stringify(error.data)}` };
    case 'minItems':
      return { path, code: 'invalid-value', message: `${name} must not be empty`, hint: hintFromExamples(parent) };
    case 'uniqueItems': {
      const i = Number(params.i);
      const j = Number(params.j);
      const data = error.data as unknown[];
      return { path: [...path, Math.max(i, j)], code: 'duplicate-item', message: `${name} lists \`${String(data[Math.max(i, j)])}\` twice`, hint: 'remove the repeated entry' };
    }
    default:
      return { path, code: 'invalid-value', message: `${name} ${error.message ?? 'is invalid'}` };
  }
}

function rootTypeProblem(value: unknown): Problem {
  if (value === null || value === undefined) {
    return { path: [], code: 'wrong-type', message: 'the stack file is empty', hint: 'run `stackc init` for a commented starter, or write `stack: 1`, `name:` and `services:`' };
  }
  return { path: [], code: 'wrong-type', message: `the stack must be a map of keys, not ${typeOf(value)}`, hint: 'a stack.yaml starts with `stack: 1`, `name: <app>` and `services:` at the left margin, without `- `' };
}

function invalidName(path: DataPath, key: string, parent: SchemaLike): Problem {
  const what = NAME_KINDS[String(path.at(-1))] ?? 'key';
  const suggestion = what === 'variable name' ? undefined : toDnsLabel(key);
  const hint = descriptionHint(parent, false) ?? 'see the schema';
  return {
    path: [...path, key],
    atKey: true,
    code: 'invalid-name',
    message: `\`${key}\` is not a valid ${what}`,
    hint: suggestion && suggestion !== key ? `did you mean \`${suggestion}\`? Names are ${hint}` : hint,
  };
}

const NAME_KINDS: Record<string, string> = {
  services: 'service name',
  resources: 'resource name',
  environments: 'environment name',
  targets: 'target name',
  env: 'variable name',
  args: 'variable name',
  rules: 'rule id',
  steps: 'step name',
  labels: 'label key',
};

function invalidValue(path: DataPath, name: string, error: VerboseError, source: ParsedSource): Problem {
  const value = findValue(source, path);
  const parent = error.parentSchema ?? {};
  if (error.keyword === 'minLength' && value === '') return { path, code: 'invalid-value', message: `${name} must not be empty`, hint: hintFromExamples(parent) };
  if (error.keyword === 'maxLength') return { path, code: 'invalid-value', message: `${name} is longer than ${String((error.params as { limit: number }).limit)} characters` };
  const pattern = (parent as { pattern?: string }).pattern;
  const fixed = typeof value === 'string' && pattern ? correctedValue(value, new RegExp(pattern, 'u')) : undefined;
  return {
    path,
    code: 'invalid-value',
    message: `${name} cannot be \`${String(value)}\``,
    hint: fixed ? `did you mean \`${fixed}\`?` : descriptionHint(parent),
  };
}

/** Common slips that make a value miss its pattern: capitals, spaces, `MB` for `Mi`, spelled-out units. */
function correctedValue(value: string, pattern: RegExp): string | undefined {
  const units: [RegExp, string][] = [
    [/\s*(milliseconds?|millis?)\b/gi, 'ms'],
    [/\s*(seconds?|secs?)\b/gi, 's'],
    [/\s*(minutes?|mins?)\b/gi, 'm'],
    [/\s*(hours?|hrs?)\b/gi, 'h'],
    [/\s*([KMGTP])i?B\b/gi, '$1i'],
  ];
  const candidates = [
    value.toLowerCase(),
    units.reduce((v, [re, to]) => v.replace(re, (_m, unit: string) => to.replace('$1', unit === undefined ? '' : unit.toUpperCase())), value.trim()),
  ];
  return candidates.find((c) => c !== value && pattern.test(c));
}

/** A schema's description as a hint: "a duration: ...; for example `30s`". */
function descriptionHint(schema: SchemaLike | undefined, withExample = true): string | undefined {
  if (!schema?.description) return withExample ? hintFromExamples(schema) : undefined;
  const text = schema.description.charAt(0).toLowerCase() + schema.description.slice(1).replace(/\.$/, '');
  const example = withExample ? schema.examples?.[0] : undefined;
  return example === undefined ? text : `${text}; for example \`${flowYaml(example)}\``;
}

/** How a path reads in a message: `services.api.ports[0]` as "`ports[0]` of service `api`"-like text. */
export function subject(path: DataPath): string {
  if (path.length === 0) return 'the stack';
  let text = '';
  for (const s of path) text += typeof s === 'number' ? `[${s}]` : text ? `.${s}` : s;
  return `\`${text}\``;
}

function findValue(source: ParsedSource, path: DataPath): unknown {
  let value: unknown = source.data;
  for (const s of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string | number, unknown>)[s];
  }
  return value;
}

function typeOf(value: unknown): string {
  if (value === null) return 'empty (null)';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a map';
  if (typeof value === 'string') return `the text \`${value.length > 40 ? `${value.slice(0, 40)}…` : value}\``;
  return `\`${String(value)}\``;
}

function typeWords(schema: SchemaLike): string {
  if (schema.$ref) return refWords(schema.$ref);
  if (schema.enum) return `one of ${oneOfList(schema.enum.map(String))}`;
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  const words: Record<string, string> = { string: 'a string', integer: 'a whole number', number: 'a number', boolean: '`true` or `false`', object: 'a map', array: 'a list', null: 'empty' };
  return joinWords(types.map((t) => words[t] ?? t));
}

function refWords(ref: string): string {
  const name = ref.split('/').at(-1)!;
  const words: Record<string, string> = { port: 'a port number', relativePath: 'a relative path', dnsLabel: 'a name', command: 'a command', duration: 'a duration' };
  return words[name] ?? 'a value';
}

function joinWords(words: readonly string[]): string {
  const unique = [...new Set(words)];
  if (unique.length <= 1) return unique.join('');
  return `${unique.slice(0, -1).join(', ')} or ${unique.at(-1)}`;
}

function rangeWords(keyword: string, limit: unknown): string {
  switch (keyword) {
    case 'minimum':
      return `at least ${String(limit)}`;
    case 'maximum':
      return `at most ${String(limit)}`;
    case 'exclusiveMinimum':
      return `more than ${String(limit)}`;
    default:
      return `less than ${String(limit)}`;
  }
}

/** A number or boolean where text was wanted is usually YAML reading `8.10` or `true`: suggest quotes. */
function quoteHint(source: ParsedSource, path: DataPath, value: unknown, expected: readonly string[]): string | undefined {
  if ((typeof value === 'number' || typeof value === 'boolean') && expected.some((e) => e.includes('string'))) {
    const written = writtenText(source, path) ?? String(value);
    return `YAML reads \`${written}\` as ${typeof value === 'number' ? `the number ${String(value)}` : 'a boolean'}; put it in quotes to keep it as text: \`"${written}"\``;
  }
  return undefined;
}

function writtenText(source: ParsedSource, path: DataPath): string | undefined {
  const { node, found } = findNode(source.doc, path);
  return found && node?.range ? source.text.slice(node.range[0], node.range[1]).trim() : undefined;
}

function hintFromExamples(schema: SchemaLike | undefined, key?: string): string | undefined {
  const example = schema?.examples?.[0];
  if (example === undefined) return undefined;
  return `for example: \`${key ? `${key}: ` : ''}${flowYaml(example)}\``;
}

/** A value in YAML flow style, quoting only what needs it: `{ api: { build: ./backend, ports: [8000] } }`. */
export function flowYaml(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(flowYaml).join(', ')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).map(([k, v]) => `${k}: ${flowYaml(v)}`);
    return entries.length ? `{ ${entries.join(', ')} }` : '{}';
  }
  if (typeof value === 'string') return /^[A-Za-z_./][\w./@-]*$/.test(value) && !/^(true|false|null|~)$/i.test(value) ? value : JSON.stringify(value);
  return String(value);
}
