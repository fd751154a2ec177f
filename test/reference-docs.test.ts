// docs/reference is generated from the commander program and the JSON Schema; a stale page fails
// here (run `npm run gen`). The checks below also make sure the generators miss nothing.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import schema from '../schema/stack.schema.json' with { type: 'json' };
import { createProgram } from '../src/cli/main.js';
// @ts-expect-error -- plain ESM generator, shared with `npm run gen`
import { CLI_REFERENCE, FORMAT_REFERENCE, cliReference, formatReference, slug } from '../scripts/gen-docs.mjs';
import { root } from './helpers.js';

const read = (path: string) => readFileSync(join(root, path), 'utf8');
const cli = cliReference(createProgram(() => {})) as string;
const format = formatReference(schema) as string;

describe('docs/reference', () => {
  it('cli.md and format.md are up to date (run `npm run gen` if not)', () => {
    expect(read(CLI_REFERENCE)).toBe(cli);
    expect(read(FORMAT_REFERENCE)).toBe(format);
  });

  it('cli.md documents every command, option and example of the program', () => {
    const program = createProgram(() => {});
    for (const command of program.commands) {
      expect(cli).toContain(`## stackc ${command.name()}\n\n${command.description()}`);
      for (const option of command.options) expect(cli, `${command.name()} ${option.flags}`).toContain(`\`${option.flags}\``);
    }
    for (const option of program.options) expect(cli).toContain(`\`${option.flags}\``);
    // the help examples, e.g. lint's SARIF example, and the defaults and choices of options
    expect(cli).toContain('$ stackc lint --format sarif -o stackc.sarif');
    expect(cli).toMatch(/\| `--format <format>` \| report format \(one of `pretty`, `json`, `sarif`, `github`; default `pretty`\) \|/);
  });

  it('format.md documents every key of the schema, nested as stack.yaml nests', () => {
    type Node = { $ref?: string; properties?: Record<string, Node>; anyOf?: Node[]; oneOf?: Node[]; additionalProperties?: Node | boolean; description?: string };
    const defs = (schema as { $defs: Record<string, Node> }).$defs;
    const resolve = (n: Node): Node => (n.$ref ? resolve(defs[n.$ref.replace('#/$defs/', '')]!) : n);
    // Every property name, anywhere in the schema, appears as a documented key.
    const keys = new Set<string>();
    const walk = (n: Node, seen: Set<Node>) => {
      const r = resolve(n);
      if (seen.has(r)) return;
      seen.add(r);
      for (const [k, v] of Object.entries(r.properties ?? {})) {
        keys.add(k);
        walk(v, seen);
      }
      for (const b of [...(r.anyOf ?? []), ...(r.oneOf ?? [])]) walk(b, seen);
      if (typeof r.additionalProperties === 'object') walk(r.additionalProperties, seen);
    };
    walk(schema as Node, new Set());
    for (const key of keys) expect(format, key).toContain(`- **\`${key}\`**`);
    // Nested sections, with descriptions from the schema and links that resolve to a heading.
    expect(format).toContain('#### `services.<name>.healthcheck`');
    expect(format).toContain((defs['healthcheck'] as { markdownDescription: string }).markdownDescription);
    const anchors = new Set([...format.matchAll(/^#+ (.*)$/gm)].map((m) => slug(m[1]!) as string));
    for (const [, anchor] of format.matchAll(/\]\(#([^)]+)\)/g)) expect(anchors.has(anchor!), anchor).toBe(true);
  });
});
