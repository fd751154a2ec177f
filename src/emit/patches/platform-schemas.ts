// The platforms' published schemas, checked against the files a patch touched (docs/patches.md).
// Loaded only by a build whose stack has patches (schema-check.ts), in a chunk of its own: the
// pruned copies in ./schemas (scripts/platform-schemas.mjs, from test/schemas) are compiled by ajv
// at run time, each the first time a patched file needs it, and ajv's complaint is put in the
// user's words: where in the generated file, and what is wrong there.
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import { closest } from '../../diagnostics/suggest.js';
import { pointerTokens } from './json-patch.js';
import compose from './schemas/compose.json' with { type: 'json' };
import fly from './schemas/fly.json' with { type: 'json' };
import githubWorkflow from './schemas/github-workflow.json' with { type: 'json' };
import kubernetes from './schemas/kubernetes.json' with { type: 'json' };
import railway from './schemas/railway.json' with { type: 'json' };
import vercel from './schemas/vercel.json' with { type: 'json' };
import type { Complaint, PlatformSchema } from './schema-check.js';

const DOCUMENTS: Record<Exclude<PlatformSchema, `kubernetes:${string}`>, { schema: object; name: string }> = {
  compose: { schema: compose, name: "the Compose specification's schema" },
  fly: { schema: fly, name: "fly.toml's schema" },
  railway: { schema: railway, name: "railway.json's schema" },
  vercel: { schema: vercel, name: "vercel.json's schema" },
  'github-workflow': { schema: githubWorkflow, name: "GitHub's workflow schema" },
};

let ajv: Ajv | undefined;
function compiler(): Ajv {
  if (ajv) return ajv;
  // verbose: the failing value and its schema, for the wording below; no logger: an unknown
  // keyword of a community schema is not the user's business. Compiling is most of the cost (a
  // Deployment's schema is large), so each shared definition is compiled once as a function of
  // its own (inlineRefs) and the generated code is not optimized: it runs on a few documents.
  ajv = new Ajv({ strict: false, allErrors: true, verbose: true, validateSchema: false, logger: false, inlineRefs: false, code: { optimize: false } });
  // OpenAPI's formats say how a number or text is stored; the types already check them.
  for (const format of ['int32', 'int64', 'byte', 'date-time', 'double', 'float']) ajv.addFormat(format, true);
  ajv.addSchema(kubernetes, 'kubernetes');
  return ajv;
}

const compiled = new Map<PlatformSchema, ValidateFunction | undefined>();
function validator(schema: PlatformSchema): ValidateFunction | undefined {
  if (compiled.has(schema)) return compiled.get(schema);
  let v: ValidateFunction | undefined;
  if (schema.startsWith('kubernetes:')) {
    const kind = schema.slice('kubernetes:'.length);
    v = kind in kubernetes.kinds ? compiler().getSchema(`kubernetes#/kinds/${kind.replace(/~/g, '~0').replace(/\//g, '~1')}`) : undefined;
  } else {
    v = compiler().compile(DOCUMENTS[schema as keyof typeof DOCUMENTS].schema);
  }
  compiled.set(schema, v);
  return v;
}

/** What the schema calls itself in a message: `Kubernetes' schema for Deployment`. */
export const schemaName = (schema: PlatformSchema): string =>
  schema.startsWith('kubernetes:') ? `Kubernetes' schema for ${schema.split('/').at(-1)}` : DOCUMENTS[schema as keyof typeof DOCUMENTS].name;

/**
 * What the schema refuses in `after` that it did not refuse in `before` (the document as it was
 * before the patch): the first such complaint, in words. `before` already refused is the
 * platform's or stackc's business, not the patch's.
 */
export function newComplaint(schema: PlatformSchema, before: unknown, after: unknown): Complaint | undefined {
  const validate = validator(schema);
  if (!validate || validate(after)) return undefined;
  const errors = validate.errors ?? [];
  const old = validate(before) ? new Set<string>() : new Set((validate.errors ?? []).map(errorKey));
  const fresh = errors.filter((e) => !old.has(errorKey(e)));
  return fresh.length ? describe(fresh, schemaName(schema)) : undefined;
}

/** What the schema refuses in `document`, if anything (tests hold the shipped copies to the goldens with it). */
export function schemaComplaint(schema: PlatformSchema, document: unknown): Complaint | undefined {
  const validate = validator(schema);
  return !validate || validate(document) ? undefined : describe(validate.errors ?? [], schemaName(schema));
}

const errorKey = (e: ErrorObject): string => `${e.instancePath}\0${e.schemaPath}\0${JSON.stringify(e.params)}`;

// Which of ajv's errors says most: the deepest place, and there a precise keyword over a branch
// that matched nothing (oneOf/anyOf), whose branches' own errors say more.
const RANK = ['additionalProperties', 'required', 'enum', 'const', 'type'];
const rank = (e: ErrorObject): number => {
  const i = RANK.indexOf(e.keyword);
  return i < 0 ? (['oneOf', 'anyOf', 'allOf', 'if', 'not'].includes(e.keyword) ? RANK.length + 1 : RANK.length) : i;
};

function describe(errors: ErrorObject[], name: string): Complaint {
  const depth = (e: ErrorObject) => (e.instancePath.match(/\//g) ?? []).length + (e.keyword === 'additionalProperties' || e.keyword === 'required' ? 1 : 0);
  const deepest = Math.max(...errors.map(depth));
  const there = errors.filter((e) => depth(e) === deepest).sort((a, b) => rank(a) - rank(b));
  const first = there[0]!;
  const at = dotted(first.instancePath);
  const tokens = pointerTokens(first.instancePath).map((t) => (/^(0|[1-9][0-9]*)$/.test(t) ? Number(t) : t));
  return { tokens: first.keyword === 'additionalProperties' ? [...tokens, String(first.params.additionalProperty)] : tokens, ...words(first, there, at, name) };
}

function words(first: ErrorObject, there: ErrorObject[], at: string, name: string): Omit<Complaint, 'tokens'> {
  switch (first.keyword) {
    case 'additionalProperties': {
      const key = String(first.params.additionalProperty);
      const known = Object.keys((first.parentSchema as { properties?: object })?.properties ?? {});
      const near = closest(key, known);
      return {
        at: join(at, key),
        message: `\`${join(at, key)}\` is not a setting ${name} knows${at ? ` in \`${at}\`` : ''}`,
        hint: near
          ? `did you mean \`${near}\`?`
          : known.length === 0
            ? 'it takes no settings of its own there: remove it from the patch'
            : known.length <= 12
              ? `the settings it knows there: ${known.join(', ')}`
              : `none of the ${known.length} settings it knows there is close: see the platform's reference, or remove it from the patch`,
      };
    }
    case 'required':
      return { at: at || '(the document)', message: `\`${at || 'the document'}\` lacks \`${String(first.params.missingProperty)}\`, which ${name} requires`, hint: `add \`${String(first.params.missingProperty)}\` in the patch, or leave out what it replaced` };
    case 'dependencies':
    case 'dependentRequired': {
      const { property, missingProperty } = first.params as { property: string; missingProperty: string };
      return { at, message: `\`${at}\` has \`${property}\` without \`${missingProperty}\`, which ${name} requires with it`, hint: `add \`${missingProperty}\`, or leave out \`${property}\`` };
    }
    case 'enum':
      return { at, message: `\`${at}\` is ${value(first.data)}, which ${name} does not accept`, hint: `one of: ${(first.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}` };
    case 'type': {
      const all = [...new Set(there.filter((e) => e.keyword === 'type' && e.instancePath === first.instancePath).flatMap((e) => String(e.params.type).split(',')))];
      // null is how a schema says "may be left unset": not a value to suggest.
      const types = all.length > 1 ? all.filter((t) => t !== 'null') : all;
      return { at, message: `\`${at}\` is ${value(first.data)} where ${name} wants ${orList(types.map(typeName))}`, hint: `write ${orList(types.map(typeName))} there (see the generated file)` };
    }
    default:
      return { at: at || '(the document)', message: `\`${at || 'the document'}\` ${first.message ?? 'is refused'}${first.keyword === 'oneOf' || first.keyword === 'anyOf' ? ' (none of the forms it accepts)' : ''} in ${name}`, hint: 'see the platform\'s reference for the value, and the generated file for what stackc writes there' };
  }
}

/** `/spec/template/containers/0/image` → `spec.template.containers[0].image`. */
function dotted(pointer: string): string {
  return pointerTokens(pointer).reduce((out, t) => join(out, t), '');
}

const join = (at: string, key: string): string => (/^(0|[1-9][0-9]*)$/.test(key) ? `${at}[${key}]` : /^[A-Za-z_$][\w$-]*$/.test(key) ? (at ? `${at}.${key}` : key) : `${at}[${JSON.stringify(key)}]`);

const TYPE_NAMES: Record<string, string> = { integer: 'a whole number', number: 'a number', string: 'text', boolean: 'true or false', object: 'a map', array: 'a list', null: 'null' };
const typeName = (t: string): string => TYPE_NAMES[t] ?? t;
const orList = (items: string[]): string => (items.length < 2 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} or ${items.at(-1)}`);

function value(v: unknown): string {
  if (typeof v === 'string') return `text (${JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v)})`;
  if (typeof v === 'number') return `the number ${v}`;
  if (typeof v === 'boolean') return String(v);
  if (v === null) return 'null';
  return Array.isArray(v) ? 'a list' : 'a map';
}
