// The stacks the project keeps as fixtures, listed once for every test that walks them.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const hasStack = (dir: string) => statSync(join(root, dir, 'stack.yaml'), { throwIfNoEntry: false })?.isFile() ?? false;

/** The shipped examples: fixtures/<name>, each with a stack.yaml (names, sorted). */
export const exampleFixtures = (): string[] =>
  readdirSync(join(root, 'fixtures'), { withFileTypes: true })
    .filter((d) => d.isDirectory() && d.name !== 'invalid' && hasStack(`fixtures/${d.name}`))
    .map((d) => d.name)
    .sort();

/**
 * One small stack per deploy-fidelity decision: fixtures/fidelity/<name> (returned as
 * `fidelity/<name>`, sorted). Some are refused on purpose; their golden is the refusal.
 */
export const fidelityFixtures = (): string[] =>
  readdirSync(join(root, 'fixtures', 'fidelity'), { withFileTypes: true })
    .filter((d) => d.isDirectory() && hasStack(`fixtures/fidelity/${d.name}`))
    .map((d) => `fidelity/${d.name}`)
    .sort();
