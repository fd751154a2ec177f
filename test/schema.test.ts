import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import schema from '../schema/stack.schema.json' with { type: 'json' };

type Node = Record<string, unknown>;

/** Every subschema with its JSON pointer. */
function walk(node: unknown, pointer = '', out: { pointer: string; node: Node }[] = []): { pointer: string; node: Node }[] {
  if (Array.isArray(node)) node.forEach((n, i) => walk(n, `${pointer}/${i}`, out));
  else if (node && typeof node === 'object') {
    out.push({ pointer, node: node as Node });
    for (const [k, v] of Object.entries(node)) {
      if (k === 'examples' || k === 'enum' || k === 'const') continue;
      walk(v, `${pointer}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`, out);
    }
  }
  return out;
}

const defs = (schema as { $defs: Record<string, Node> }).$defs;
const deref = (n: Node): Node => (typeof n.$ref === 'string' ? { ...deref(defs[n.$ref.replace('#/$defs/', '')]!), ...n } : n);
const nodes = walk(schema);

/** Object schemas deliberately open: plugin options (checked by the plugin's own schema) and lint rule options (checked by `stackc lint` against each rule's options). */
const OPEN_OBJECTS = [
  '/$defs/targets/additionalProperties',
  '/$defs/lint/properties/rules/additionalProperties/anyOf/1/items/1',
  // A patch is a piece of the platform's document, whose keys are the platform's (docs/patches.md).
  '/$defs/kubernetesPatch/properties/patch/oneOf/0',
  '/$defs/flyPatch/properties/patch',
  '/$defs/railwayPatch/properties/patch',
  '/$defs/vercelPatch/properties/patch',
  '/$defs/composePatch/properties/patch',
];

/** An `if` is a condition on values the object around it defines (and describes), not a definition. */
const isCondition = (pointer: string): boolean => /\/if(\/|$)/.test(pointer);

describe('schema/stack.schema.json', () => {
  it('closes every object with additionalProperties: false (or a schema for map values)', () => {
    const open = nodes
      .filter(({ node }) => node.type === 'object' || node.properties)
      .filter(({ node }) => node.additionalProperties === undefined || node.additionalProperties === true)
      .map(({ pointer }) => pointer)
      .filter((p) => !OPEN_OBJECTS.includes(p) && !isCondition(p));
    expect(open).toEqual([]);
  });

  it('gives every property a description and an example, for editors', () => {
    const missing: string[] = [];
    for (const { pointer, node } of nodes) {
      if (isCondition(pointer)) continue;
      for (const [key, child] of Object.entries((node.properties ?? {}) as Record<string, Node>)) {
        const resolved = deref(child);
        if (typeof resolved.description !== 'string') missing.push(`${pointer}/properties/${key}: description`);
        if (!Array.isArray(resolved.examples) || resolved.examples.length === 0) missing.push(`${pointer}/properties/${key}: examples`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('has examples that are valid by their own schema', () => {
    const ajv = new Ajv({ strict: false, allErrors: true });
    ajv.addSchema(schema);
    const invalid: string[] = [];
    for (const { pointer, node } of nodes) {
      if (!Array.isArray(node.examples) || pointer.includes('/patternProperties/')) continue;
      const validate = ajv.getSchema(`${schema.$id}#${pointer}`)!;
      node.examples.forEach((example, i) => {
        if (!validate(example)) invalid.push(`${pointer} example ${i}: ${ajv.errorsText(validate.errors)}`);
      });
    }
    expect(invalid).toEqual([]);
  });

  it('lets an environment override every service setting except description and environments', () => {
    const service = Object.keys(defs.service!.properties as object).filter((k) => !['description', 'environments'].includes(k));
    expect(Object.keys(defs.serviceOverride!.properties as object)).toEqual(service);
  });

  it('names the backing-service types the issue asks for', () => {
    expect(defs['resource.type']!.enum).toEqual(expect.arrayContaining(['postgres', 'mysql', 'mariadb', 'mongodb', 'redis', 'rabbitmq']));
  });
});
