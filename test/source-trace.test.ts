// An internal error's trace names the sources, not the minified bundle: bin/stackc.cjs evaluates
// dist/stackc.cjs as a vm.Script, which Node never maps through a source map, so the CLI maps the
// trace itself when it prints one (src/cli/source-trace.ts).
import { build } from 'esbuild';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import module from 'node:module';
import { join } from 'node:path';
import vm from 'node:vm';
import { afterAll, describe, expect, it } from 'vitest';
import { sourceMappedStack } from '../src/cli/source-trace.js';
import { tempDir } from './helpers.js';

const dir = tempDir();
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The stack of the error a minified bundle of `source` throws, run as bin/stackc.cjs runs the CLI. */
async function thrownBy(source: string, sourcemap: boolean): Promise<{ stack: string; bundle: string }> {
  writeFileSync(join(dir, 'fault.ts'), source);
  const bundle = join(dir, sourcemap ? 'mapped.cjs' : 'unmapped.cjs');
  await build({ entryPoints: [join(dir, 'fault.ts')], outfile: bundle, bundle: true, format: 'cjs', platform: 'node', minify: true, sourcemap, sourcesContent: false, banner: { js: '// banner' }, logLevel: 'silent' });
  const script = new vm.Script(module.wrap(readFileSync(bundle, 'utf8')), { filename: bundle });
  try {
    script.runInThisContext().call({}, {}, module.createRequire(bundle), { exports: {} }, bundle, dir);
  } catch (error) {
    return { stack: (error as Error).stack!, bundle };
  }
  throw new Error('the bundle did not throw');
}

const FAULT = `export function render(items: string[]): number {\n  let total = 0;\n  for (const item of items) total += item.length;\n  return (undefined as unknown as { size: number }).size + total;\n}\nrender(['a']);\n`;

describe('the trace of an internal error', () => {
  it('points at the source file, line and column instead of the minified bundle', async () => {
    const { stack, bundle } = await thrownBy(FAULT, true);
    expect(stack).toContain(bundle);
    const mapped = sourceMappedStack(stack, bundle);
    expect(mapped).toMatch(/fault\.ts:4:\d+/);
    expect(mapped).not.toContain(bundle);
    expect(mapped.split('\n')[0]).toBe(stack.split('\n')[0]);
  });

  it('is printed as it is when the bundle has no map beside it', async () => {
    const { stack, bundle } = await thrownBy(FAULT, false);
    expect(sourceMappedStack(stack, bundle)).toBe(stack);
  });
});
