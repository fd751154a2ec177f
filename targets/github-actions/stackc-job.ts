// The `stackc` job of ci.yml: stack.yaml is valid, the generated files are current, the stack
// passes its lint rules (findings as annotations on the pull request), and a pull request's
// summary shows what it changes in the generated files. The job calls only commands this stackc
// has, so a generated workflow never fails on a missing command.
import { posix } from 'node:path';
import { relativeFrom } from '../../src/emit/paths.js';
import { RUNNER, TOOLS_NODE, ACTIONS } from './actions.js';
import type { StackcRun } from './stackc-install.js';
import { checkout, type Job, type Step } from './workflow.js';

/** The stackc commands this version provides; the job runs the checks whose command is here. */
export const STACKC_COMMANDS: readonly string[] = ['validate', 'build', 'lint', 'diff'];

/**
 * @param stackc how to run stackc: a command prefix run at the repository root (`npx --yes stackc@0.1.0`), or the project's install (stackc-install.ts)
 * @param stackFile stack.yaml relative to the output root, which the workflows assume is the repository root
 */
export function stackcJob(stackc: string | StackcRun, stackFile: string, commands: readonly string[] = STACKC_COMMANDS): Job {
  const how: StackcRun = typeof stackc === 'string' ? { command: stackc, dir: '.', setup: [{ name: `Set up Node.js ${TOOLS_NODE}`, uses: ACTIONS.setupNode, with: { 'node-version': TOOLS_NODE } }], notes: [] } : stackc;
  // The checks run in the package that depends on stackc (its manager's exec finds stackc there);
  // with stack.yaml elsewhere, name it, and keep the output root the repository root.
  const fromDir = posix.relative(`/${how.dir}`, `/${stackFile}`);
  const toRoot = relativeFrom(how.dir, '.');
  const file = fromDir === 'stack.yaml' ? '' : ` --file ${fromDir}`;
  const out = posix.dirname(fromDir) === '.' && toRoot === '.' ? '' : ` --out ${toRoot}`;
  const run = (command: string, rest = '') => `${how.command}${file} ${command}${rest}`;
  const steps: Step[] = [];
  if (commands.includes('validate')) steps.push({ name: 'stack.yaml is valid', run: run('validate') });
  if (commands.includes('build')) steps.push({ name: 'Generated files are current', run: run('build', ` --check${out}`) });
  if (commands.includes('lint')) steps.push({ name: 'Lint the stack', run: run('lint', ' --format github') });
  if (commands.includes('diff')) {
    steps.push({
      name: 'What this pull request changes in the generated files',
      if: "github.event_name == 'pull_request'",
      // The base commit reaches the script through the environment, never as text in it.
      env: { BASE_SHA: '${{ github.event.pull_request.base.sha }}' },
      run: `${run('diff', ` --base "$BASE_SHA" --format markdown${out}`)} >> "$GITHUB_STEP_SUMMARY"`,
    });
  }
  return {
    name: 'stackc',
    'runs-on': RUNNER,
    'timeout-minutes': 10,
    steps: [
      // `diff --base` reads the base commit's stack.yaml from git history.
      checkout(commands.includes('diff') ? { 'fetch-depth': 0 } : {}),
      ...how.setup,
      ...steps.map((s) => (how.dir === '.' ? s : { ...s, 'working-directory': how.dir })),
    ],
  };
}
