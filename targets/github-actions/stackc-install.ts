// How the `stackc` job gets stackc. With stackc among the project's dependencies (and a lockfile),
// the job installs the project with its own package manager and lockfile, cached by setup-node,
// and runs the stackc the lockfile pins, by integrity, through that manager's exec. Without it,
// the job runs the exact version that generated the workflows from npm: a version, not a checksum.
// `targets.github-actions.stackc` (a command prefix) overrides both.
import type { Report } from '../../src/emit/target.js';
import type { StackcPackage } from '../../src/project/package-managers.js';
import { ACTIONS, TOOLS_NODE } from './actions.js';
import { DEFAULT_STACKC, type GithubActionsOptions } from './options.js';
import type { Step } from './workflow.js';

export interface StackcRun {
  /** The command prefix the checks run (`pnpm exec stackc`). */
  command: string;
  /** Where the checks run, relative to the output root: the package that depends on stackc. */
  dir: string;
  /** Steps before the checks: Node.js, and the install. */
  setup: Step[];
  /** What the notes in ci.yml's header say about it. */
  notes: string[];
}

const setupNode = (extra: Record<string, string | boolean> = {}): Step => ({ name: `Set up Node.js ${TOOLS_NODE}`, uses: ACTIONS.setupNode, with: { 'node-version': TOOLS_NODE, ...extra } });

/**
 * Per package manager: how to install exactly what the lockfile says, and how to run a dependency's
 * binary without ever fetching one by name.
 * - npm: `npm ci` (https://docs.npmjs.com/cli/commands/npm-ci); `npm exec --no` refuses to install
 *   a missing package, where plain `npm exec`/`npx` assume `--yes` on CI
 *   (https://docs.npmjs.com/cli/commands/npm-exec).
 * - pnpm: `pnpm install --frozen-lockfile`, `pnpm exec` (https://pnpm.io/cli/install, https://pnpm.io/cli/exec).
 * - Yarn 2+: `yarn install --immutable`; `yarn <bin>` runs a dependency's binary, under Plug'n'Play
 *   too (https://yarnpkg.com/cli/install, https://yarnpkg.com/cli/run). Yarn 1: `--frozen-lockfile`
 *   (https://classic.yarnpkg.com/en/docs/cli/install), and `yarn <bin>` runs node_modules/.bin.
 * - Bun: `bun install --frozen-lockfile` (https://bun.sh/docs/cli/install); `bun run <bin>` runs
 *   node_modules/.bin, where `bunx` would fetch a missing package (https://bun.sh/docs/cli/bunx).
 */
const MANAGERS = {
  npm: { install: () => 'npm ci', exec: 'npm exec --no -- stackc' },
  pnpm: { install: () => 'pnpm install --frozen-lockfile', exec: 'pnpm exec stackc' },
  yarn: { install: (berry: boolean) => (berry ? 'yarn install --immutable' : 'yarn install --frozen-lockfile'), exec: 'yarn stackc' },
  bun: { install: () => 'bun install --frozen-lockfile', exec: 'bun run stackc' },
} as const;

export function stackcRun(options: GithubActionsOptions, pkg: StackcPackage | undefined, report: Report): StackcRun {
  if (options.stackc !== undefined) {
    return { command: options.stackc, dir: '.', setup: [setupNode()], notes: [`stackc: stack.yaml is valid and the generated files are current (${options.stackc}, \`targets.github-actions.stackc\`).`] };
  }
  if (pkg && !pkg.lockfile) {
    report({
      severity: 'warning',
      code: 'github-actions/stackc-no-lockfile',
      message: `${pkg.dir === '.' ? '' : `${pkg.dir}/`}package.json depends on stackc, but no lockfile beside it or above it records which stackc, so CI runs stackc from npm by version (\`${DEFAULT_STACKC}\`)`,
      path: options.path,
      hint: 'commit the lockfile your package manager writes (package-lock.json, pnpm-lock.yaml, yarn.lock, bun.lock)',
    });
  }
  if (!pkg?.lockfile) {
    return {
      command: DEFAULT_STACKC,
      dir: '.',
      setup: [setupNode()],
      notes: [
        `stackc: stack.yaml is valid and the generated files are current (\`${DEFAULT_STACKC}\`).`,
        '  That pins a version, not a checksum: nothing in the repository records what that version must contain.',
        '  Add stackc to devDependencies and commit the lockfile: the job then installs it with the lockfile, which pins its integrity.',
      ],
    };
  }
  const lock = pkg.lockfile;
  const manager = lock.manager as keyof typeof MANAGERS;
  const lockDir = lock.path.includes('/') ? lock.path.slice(0, lock.path.lastIndexOf('/')) : '.';
  const install: Step = { name: `Install dependencies (${lock.path})`, run: MANAGERS[manager].install(lock.yarnBerry === true), ...(lockDir !== '.' ? { 'working-directory': lockDir } : {}) };
  const cache = { cache: manager, 'cache-dependency-path': lock.path };
  let setup: Step[];
  switch (manager) {
    case 'npm':
      setup = [setupNode(cache), install];
      break;
    case 'pnpm':
    case 'yarn':
      // setup-node's cache asks the package manager where its store is, so the manager must be
      // there first, and corepack (shipped with Node.js 24) needs Node.js: set up Node.js, enable
      // corepack, then set up the cache (https://github.com/actions/setup-node/issues/1357).
      setup = [
        setupNode({ 'package-manager-cache': false }),
        { name: `Enable corepack (${pkg.packageManager ?? manager})`, run: 'corepack enable' },
        { name: `Cache ${manager} dependencies`, uses: ACTIONS.setupNode, with: { 'node-version': TOOLS_NODE, ...cache } },
        install,
      ];
      if (!pkg.packageManager) {
        report({
          severity: 'info',
          code: 'github-actions/package-manager-version',
          message: `package.json names no \`packageManager\`, so corepack runs its own default ${manager} in CI, which may not be the version that wrote ${lock.path}`,
          path: options.path,
          hint: `pin it: \`corepack use ${manager}@<version>\` writes \`packageManager\` into package.json`,
        });
      }
      break;
    case 'bun':
      // setup-node caches npm, yarn and pnpm only; Bun's install is fast and is not cached here.
      setup = [setupNode(), { name: 'Set up Bun', uses: ACTIONS.setupBun, with: pkg.packageManager?.startsWith('bun@') ? { 'bun-version-file': `${pkg.dir === '.' ? '' : `${pkg.dir}/`}package.json` } : { 'bun-version': 'latest' } }, install];
      break;
  }
  return {
    command: MANAGERS[manager].exec,
    dir: pkg.dir,
    setup,
    notes: [
      `stackc: stack.yaml is valid and the generated files are current: stackc ${pkg.range} from ${pkg.dir === '.' ? '' : `${pkg.dir}/`}package.json,`,
      `  installed with ${lock.path} (\`${MANAGERS[manager].install(lock.yarnBerry === true)}\`), which pins its integrity; run with \`${MANAGERS[manager].exec}\`.`,
    ],
  };
}
