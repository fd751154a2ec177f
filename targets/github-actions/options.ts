// `targets.github-actions` options, read defensively: the stack schema validates them
// (`targets.github-actions` in schema/stack.schema.json), but tests build contexts by hand.
import type { BuildProblem } from '../../src/emit/target.js';
import { branchNameProblem } from '../../src/model/branch-name.js';
import type { DataPath } from '../../src/model/stack.js';
import pkg from '../../package.json' with { type: 'json' };

export interface GithubActionsOptions {
  /** Registry (host, optionally with a namespace) for images of services without `image`. */
  registry: string;
  /** How the workflows run stackc, when the stack says (a command prefix such as `npx --yes stackc@0.1.0`); else from the project's dependencies or npm (stackc-install.ts). */
  stackc?: string;
  /** The branch pull requests merge into; ci.yml runs on its pushes when no deploy workflow does. */
  defaultBranch: string;
  path: DataPath;
}

export const OPTIONS_PATH: DataPath = ['targets', 'github-actions'];

/** Without stackc among the project's dependencies, the stackc that generated the workflows checks them in CI: pinned, so `build --check` compares like with like. */
export const DEFAULT_STACKC = `npx --yes stackc@${pkg.version}`;

export function readOptions(options: Record<string, unknown>, report: (p: BuildProblem) => void): GithubActionsOptions {
  const text = (key: string): string | undefined => {
    const v = options[key];
    if (v === undefined) return undefined;
    if (typeof v === 'string' && v.trim() !== '' && !/[\n\r]/.test(v)) return v.trim();
    report({ severity: 'error', code: 'github-actions/option', message: `\`targets.github-actions.${key}\` must be a one-line, non-empty string`, path: [...OPTIONS_PATH, key] });
    return undefined;
  };
  let defaultBranch = text('default_branch');
  const problem = defaultBranch === undefined ? undefined : (defaultBranch.includes('*') ? 'it is a pattern, not one branch' : branchNameProblem(defaultBranch));
  if (problem) {
    report({ severity: 'error', code: 'github-actions/option', message: `\`targets.github-actions.default_branch\`, \`${defaultBranch}\`, is not a branch name: ${problem}`, path: [...OPTIONS_PATH, 'default_branch'], hint: 'the repository\'s default branch, as in `main`' });
    defaultBranch = undefined;
  }
  const stackc = text('stackc');
  return {
    registry: (text('registry') ?? 'ghcr.io').replace(/\/+$/, ''),
    ...(stackc !== undefined ? { stackc } : {}),
    defaultBranch: defaultBranch ?? 'main',
    path: OPTIONS_PATH,
  };
}
