// `ci.runtime` as setup steps, each with the dependency cache its package manager supports. The
// cache is keyed on a lockfile, and a setup action fails when the lockfile it is told to hash does
// not exist; stackc cannot look at the repository while it builds, so it turns a cache on only when
// the steps run a command that needs the lockfile (`npm ci`, `pip install -r ...`).
import type { Ci } from '../../src/model/stack.js';
import type { Report } from '../../src/emit/target.js';
import { ACTIONS } from './actions.js';
import type { Step } from './workflow.js';

const LABELS: Record<string, string> = { node: 'Node.js', python: 'Python', go: 'Go', java: 'Java', ruby: 'Ruby', bun: 'Bun' };

/** What the steps install dependencies with, per runtime (a regular expression over all step commands). */
const INSTALLERS: Record<string, RegExp> = {
  node: /\b(?:npm (?:ci|install|i)|yarn(?: install)?|pnpm (?:install|i)|bun install)\b/,
  python: /\b(?:pip3? install|poetry install|uv (?:sync|pip install)|pipenv install|pdm install)\b/,
  go: /\bgo (?:mod download|build|test|run|install|vet)\b/,
  java: /\b(?:mvn|mvnw|gradle|gradlew)\b/,
  ruby: /\bbundle(?: install)?\b/,
  bun: /\bbun install\b/,
};

export function runtimeSteps(ci: Ci, workingDirectory: string, report: Report): Step[] {
  const commands = ci.steps.map((s) => s.run).join('\n');
  const steps: Step[] = [];
  for (const [runtime, version] of Object.entries(ci.runtime)) {
    const at = [...ci.path, 'runtime', runtime];
    const name = `Set up ${LABELS[runtime] ?? runtime} ${version}`;
    if (INSTALLERS[runtime] && !INSTALLERS[runtime].test(commands) && ci.steps.length) {
      report({
        severity: 'warning',
        code: 'github-actions/no-install',
        message: `\`ci.runtime\` sets up ${LABELS[runtime] ?? runtime}, but no step in \`ci.steps\` installs dependencies with it; on a fresh runner the tools the steps call are missing`,
        path: at,
        hint: runtime === 'python' ? 'add a first step, e.g. `install: pip install -r requirements.txt`' : runtime === 'node' ? 'add a first step, e.g. `install: npm ci`' : 'add a step that installs the dependencies',
      });
    }
    const cached = (what: string) =>
      report({ severity: 'info', code: 'github-actions/dependency-cache', message: `${LABELS[runtime]} dependencies are cached ${what}`, path: at });
    switch (runtime) {
      case 'node': {
        const manager = /\bnpm ci\b/.test(commands) ? { cache: 'npm', lock: '**/package-lock.json' } : /\byarn (?:install )?--(?:frozen-lockfile|immutable)\b/.test(commands) ? { cache: 'yarn', lock: '**/yarn.lock' } : undefined;
        if (!manager) cached('by stackc only when the steps run `npm ci` or `yarn install --frozen-lockfile`/`--immutable`, which need a lockfile (setup-node still caches npm by itself when package.json names it in `packageManager`)');
        steps.push({ name, uses: ACTIONS.setupNode, with: { 'node-version': version, ...(manager ? { cache: manager.cache, 'cache-dependency-path': manager.lock } : {}) } });
        break;
      }
      case 'python': {
        const files = [...commands.matchAll(/\bpip3? install\b[^\n;&|]*?(?:-r|--requirement)[ =]?(\S+)/g)].map((m) => `**/${m[1]!.replace(/^\.\//, '')}`);
        if (/\bpip3? install\b[^\n;&|]*(?:\s-e\s+|\s)\.(?:\[[^\]]*\])?(?:\s|$)/.test(commands)) files.push('**/pyproject.toml');
        const unique = [...new Set(files)];
        if (!unique.length) cached('only when the steps run `pip install -r <file>` or `pip install .`');
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
  return steps;
}
