// `ci.runtime` as setup steps, each with the dependency cache its package manager supports, and
// the install of each directory the steps run in. The cache is keyed on lockfiles, and a setup
// action fails when a lockfile it is told to hash does not exist, so it names the lockfiles stackc
// found in the steps' directories (src/project/package-managers.ts). A directory with a lockfile
// whose steps install nothing gets the install its lockfile implies (`npm ci`, `pip install -r
// requirements.txt`), so the steps of a repository with two packages find their dependencies.
// Without a lockfile found (the project's files unseen), a cache is turned on only when the steps
// run a command that needs the lockfile (`npm ci`, `pip install -r ...`).
import type { Ci } from '../../src/model/stack.js';
import type { Report } from '../../src/emit/target.js';
import { fromOutputRoot } from '../../src/emit/paths.js';
import type { Lockfile, ProjectFacts } from '../../src/project/package-managers.js';
import { ACTIONS } from './actions.js';
import type { Step } from './workflow.js';

const LABELS: Record<string, string> = { node: 'Node.js', python: 'Python', go: 'Go', java: 'Java', ruby: 'Ruby', bun: 'Bun' };

/** What the steps install dependencies with, per runtime (a regular expression over step commands). */
const INSTALLERS: Record<string, RegExp> = {
  node: /\b(?:npm (?:ci|install|i)|yarn(?: install)?|pnpm (?:install|i)|bun install)\b/,
  python: /\b(?:pip3? install|poetry install|uv (?:sync|pip install)|pipenv install|pdm install)\b/,
  go: /\bgo (?:mod download|build|test|run|install|vet)\b/,
  java: /\b(?:mvn|mvnw|gradle|gradlew)\b/,
  ruby: /\bbundle(?: install)?\b/,
  bun: /\bbun install\b/,
};

/**
 * The install a lockfile implies, by the runtime that runs it: exactly what the lockfile records.
 * npm ci (https://docs.npmjs.com/cli/commands/npm-ci), pnpm install --frozen-lockfile
 * (https://pnpm.io/cli/install), yarn install --immutable (Yarn 2+, https://yarnpkg.com/cli/install)
 * or --frozen-lockfile (Yarn 1), bun install --frozen-lockfile (https://bun.sh/docs/cli/install),
 * pip install -r (https://pip.pypa.io/en/stable/cli/pip_install/). Poetry, uv, Pipenv and PDM are
 * not on the runner, so their lockfiles get no install here (the steps install those tools).
 */
function installOf(lock: Lockfile, runtime: string): string | undefined {
  if (runtime === 'node') {
    if (lock.manager === 'npm') return 'npm ci';
    if (lock.manager === 'pnpm') return 'pnpm install --frozen-lockfile';
    if (lock.manager === 'yarn') return lock.yarnBerry ? 'yarn install --immutable' : 'yarn install --frozen-lockfile';
  }
  if (runtime === 'bun' && lock.manager === 'bun') return 'bun install --frozen-lockfile';
  if (runtime === 'python' && lock.manager === 'pip') return 'pip install -r requirements.txt';
  return undefined;
}

/** The lockfiles each runtime reads, by runtime name in `ci.runtime`. */
const READS: Record<string, Lockfile['runtime']> = { node: 'node', bun: 'node', python: 'python' };

/** The directories the steps run in (relative to the output root), in the order of their first step, with their commands. */
export function stepDirectories(ci: Ci, stackFile: string): { dir: string; commands: string }[] {
  const dirs = new Map<string, string[]>();
  for (const step of ci.steps) {
    const dir = fromOutputRoot(step.workingDirectory, stackFile) ?? step.workingDirectory;
    dirs.set(dir, [...(dirs.get(dir) ?? []), step.run]);
  }
  return [...dirs].map(([dir, commands]) => ({ dir, commands: commands.join('\n') }));
}

/** The setup steps of `ci.runtime`, then the installs the steps' directories need. */
export function runtimeSteps(ci: Ci, stackFile: string, project: ProjectFacts, report: Report): Step[] {
  const commands = ci.steps.map((s) => s.run).join('\n');
  const workingDirectory = fromOutputRoot(ci.workingDirectory, stackFile) ?? ci.workingDirectory;
  const dirs = stepDirectories(ci, stackFile);
  const steps: Step[] = [];
  const installs: Step[] = [];
  for (const [runtime, version] of Object.entries(ci.runtime)) {
    const at = [...ci.path, 'runtime', runtime];
    const name = `Set up ${LABELS[runtime] ?? runtime} ${version}`;
    // The lockfile of each directory this runtime reads, and the installs its steps do not do themselves.
    const perDir = dirs.map((d) => ({ ...d, lock: READS[runtime] ? project.lockfiles(d.dir).find((l) => l.runtime === READS[runtime]) : undefined }));
    const locks = perDir.flatMap((d) => (d.lock ? [d.lock] : []));
    let installed = INSTALLERS[runtime]?.test(commands) ?? false;
    for (const { dir, commands: here, lock } of perDir) {
      const install = lock && !INSTALLERS[runtime]?.test(here) ? installOf(lock, runtime) : undefined;
      if (!install) continue;
      installs.push({ name: `Install dependencies (${lock!.path})`, run: install, ...(dir !== workingDirectory ? { 'working-directory': dir } : {}) });
      installed = true;
    }
    if (INSTALLERS[runtime] && !installed && ci.steps.length) {
      report({
        severity: 'warning',
        code: 'github-actions/no-install',
        message: `\`ci.runtime\` sets up ${LABELS[runtime] ?? runtime}, but no step in \`ci.steps\` installs dependencies with it, and no lockfile in the steps' directories says what to install; on a fresh runner the tools the steps call are missing`,
        path: at,
        hint: runtime === 'python' ? 'add a first step, e.g. `install: pip install -r requirements.txt`' : runtime === 'node' ? 'commit a lockfile beside package.json, or add a first step, e.g. `install: npm ci`' : 'add a step that installs the dependencies',
      });
    }
    const cached = (what: string) =>
      report({ severity: 'info', code: 'github-actions/dependency-cache', message: `${LABELS[runtime]} dependencies are cached ${what}`, path: at });
    switch (runtime) {
      case 'node': {
        // setup-node caches one package manager's store; Bun's it does not cache.
        const found = locks.filter((l) => l.manager !== 'bun');
        const manager = found[0]?.manager ?? (/\bnpm ci\b/.test(commands) ? 'npm' : /\byarn (?:install )?--(?:frozen-lockfile|immutable)\b/.test(commands) ? 'yarn' : undefined);
        const paths = found.length ? found.filter((l) => l.manager === manager).map((l) => l.path) : manager === 'npm' ? ['**/package-lock.json'] : manager === 'yarn' ? ['**/yarn.lock'] : [];
        if (!manager) cached('by stackc only when it finds a lockfile in the steps\' directories, or the steps run `npm ci` or `yarn install --frozen-lockfile`/`--immutable` (setup-node still caches npm by itself when package.json names it in `packageManager`)');
        const others = found.filter((l) => l.manager !== manager);
        if (others.length) cached(`with ${manager} only: setup-node caches one package manager, so ${others.map((l) => l.path).join(', ')} ${others.length === 1 ? 'is' : 'are'} installed without a cache`);
        const cache: Record<string, string> = manager ? { cache: manager, 'cache-dependency-path': paths.join('\n') } : {};
        if (manager === 'pnpm' || manager === 'yarn') {
          // setup-node's cache asks pnpm or Yarn where its store is, so they must be there first;
          // corepack (in Node.js 24 and earlier) provides them, after Node.js is set up
          // (https://github.com/actions/setup-node/issues/1357).
          steps.push(
            { name, uses: ACTIONS.setupNode, with: { 'node-version': version, 'package-manager-cache': false } },
            { name: `Enable corepack (${manager})`, run: 'corepack enable' },
            { name: `Cache ${manager} dependencies`, uses: ACTIONS.setupNode, with: { 'node-version': version, ...cache } },
          );
        } else {
          steps.push({ name, uses: ACTIONS.setupNode, with: { 'node-version': version, ...cache } });
        }
        break;
      }
      case 'python': {
        const requirements = locks.filter((l) => l.manager === 'pip').map((l) => l.path);
        const files = requirements.length ? requirements : [...commands.matchAll(/\bpip3? install\b[^\n;&|]*?(?:-r|--requirement)[ =]?(\S+)/g)].map((m) => `**/${m[1]!.replace(/^\.\//, '')}`);
        if (!requirements.length && /\bpip3? install\b[^\n;&|]*(?:\s-e\s+|\s)\.(?:\[[^\]]*\])?(?:\s|$)/.test(commands)) files.push('**/pyproject.toml');
        const unique = [...new Set(files)];
        if (!unique.length) cached('only when stackc finds requirements.txt in the steps\' directories, or the steps run `pip install -r <file>` or `pip install .`');
        steps.push({ name, uses: ACTIONS.setupPython, with: { 'python-version': version, ...(unique.length ? { cache: 'pip', 'cache-dependency-path': unique.join('\n') } : {}) } });
        break;
      }
      case 'go':
        steps.push({ name, uses: ACTIONS.setupGo, with: { 'go-version': version, 'cache-dependency-path': '**/go.sum' } });
        break;
      case 'java': {
        const cache = /\b(?:mvn|mvnw)\b/.test(commands) ? 'maven' : /\b(?:gradle|gradlew)\b/.test(commands) ? 'gradle' : undefined;
        steps.push({ name, uses: ACTIONS.setupJava, with: { distribution: 'temurin', 'java-version': version, ...(cache ? { cache } : {}) } });
        break;
      }
      case 'ruby':
        steps.push({ name, uses: ACTIONS.setupRuby, with: { 'ruby-version': version, ...(/\bbundle\b/.test(commands) ? { 'bundler-cache': true, 'working-directory': workingDirectory } : {}) } });
        break;
      case 'bun':
        steps.push({ name, uses: ACTIONS.setupBun, with: { 'bun-version': version } });
        break;
      default:
        report({ severity: 'warning', code: 'github-actions/runtime', message: `stackc does not know how to set up runtime \`${runtime}\`; the steps use the runner's own`, path: at });
    }
  }
  return [...steps, ...installs];
}
