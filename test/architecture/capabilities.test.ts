// Target capabilities are data that build, lint and graph trust (src/emit/capabilities.ts): every
// diagnostic code a target can report is declared there, and every file it writes matches the
// output layout it declares. Checked both ways: a scan of each target's source for the codes it
// names, and real renders of the example stacks for the codes and paths it produces.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import picomatch from 'picomatch';
import { describe, expect, it } from 'vitest';
import { resolveDeployment } from '../../src/deploy/resolve.js';
import { BUILTIN_CAPABILITIES } from '../../src/emit/builtin-capabilities.js';
import { declaredCodes } from '../../src/emit/capabilities.js';
import { BUILTIN_TARGETS } from '../../src/emit/registry.js';
import { markBuiltin, renderArtifacts } from '../../src/emit/render.js';
import { loadStackFile } from '../../src/load/load-stack.js';
import { root } from '../helpers.js';

markBuiltin(BUILTIN_TARGETS);

const EXAMPLES = ['fullstack', 'design-sketch', 'saas', 'minimal'];
const sources = (dir: string): string[] =>
  readdirSync(join(root, dir), { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(`${dir}/${e.name}`) : e.name.endsWith('.ts') ? [`${dir}/${e.name}`] : []));

function rendered() {
  return EXAMPLES.map((name) => {
    const loaded = loadStackFile(join(root, 'fixtures', name, 'stack.yaml'));
    if (!loaded.stack) throw new Error(`fixtures/${name} does not load`);
    return { name, ...renderArtifacts(resolveDeployment(loaded.stack).model, BUILTIN_TARGETS, { stackFile: 'stack.yaml' }) };
  });
}

describe('target capabilities', () => {
  it('every built-in target has capabilities, and the registry holds the same object', () => {
    for (const target of BUILTIN_TARGETS) {
      expect(target.capabilities, target.name).toBeDefined();
      expect(BUILTIN_CAPABILITIES[target.name], target.name).toBe(target.capabilities);
    }
  });

  it.each(BUILTIN_TARGETS.map((t) => t.name))('%s: every code its source names is declared', (name) => {
    const declared = declaredCodes(BUILTIN_CAPABILITIES[name]!);
    const named = new Set<string>();
    for (const file of sources(`targets/${name}`)) {
      for (const m of readFileSync(join(root, file), 'utf8').matchAll(/code: '([a-z-]+\/[a-z0-9-]+)'/g)) named.add(m[1]!);
    }
    // The shared reference resolver words this one for every target (src/deploy/references.ts).
    if (BUILTIN_CAPABILITIES[name]!.runs.services.length > 0) named.add(`${name}/service-not-deployed`);
    expect([...named].filter((c) => !declared.has(c)).sort()).toEqual([]);
    expect([...declared.keys()].filter((c) => !c.startsWith(`${name}/`))).toEqual([]);
  });

  it('every code a target reports while building the examples is declared, with the declared severity at most', () => {
    const order = { info: 0, warning: 1, error: 2 } as const;
    const undeclared: string[] = [];
    for (const { name, problems } of rendered()) {
      for (const p of problems) {
        const info = BUILTIN_CAPABILITIES[p.target] && declaredCodes(BUILTIN_CAPABILITIES[p.target]!).get(p.code);
        if (!info) undeclared.push(`${name}: ${p.target} reported ${p.code}`);
        else if (order[p.severity] > order[info.severity]) undeclared.push(`${name}: ${p.code} reported as ${p.severity}, declared ${info.severity}`);
      }
    }
    expect(undeclared).toEqual([]);
  });

  it('every file a target writes matches the output layout it declares', () => {
    const outside: string[] = [];
    for (const { name, artifacts } of rendered()) {
      for (const a of artifacts) {
        const outputs = BUILTIN_CAPABILITIES[a.target]!.outputs;
        if (!picomatch(outputs as string[], { dot: true })(a.path)) outside.push(`${name}: ${a.target} wrote ${a.path}`);
      }
    }
    expect(outside).toEqual([]);
  });

  it('a target\'s declared outputs do not claim another target\'s files', () => {
    const clashes: string[] = [];
    for (const { artifacts } of rendered()) {
      for (const a of artifacts) {
        for (const [other, capabilities] of Object.entries(BUILTIN_CAPABILITIES)) {
          if (other !== a.target && picomatch(capabilities.outputs as string[], { dot: true })(a.path)) clashes.push(`${other} claims ${a.path} (${a.target}'s)`);
        }
      }
    }
    expect([...new Set(clashes)]).toEqual([]);
  });
});
