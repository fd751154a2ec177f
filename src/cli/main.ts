// The `stackc` command line. Each command's code loads only when that command runs, so
// `stackc lint` in a pre-commit hook never pays for the build or diff machinery.
import { Command, CommanderError, Option } from 'commander';
import { fileURLToPath } from 'node:url';
import pkg from '../../package.json' with { type: 'json' };
import { UserError } from '../diagnostics/diagnostic.js';
import { EXIT } from './exit-codes.js';
import { createOutput, printDiagnostics, type Output } from './output.js';
import { sourceMappedStack } from './source-trace.js';
import type { GlobalOptions } from './stack-file.js';

const ISSUES_URL = 'https://github.com/stackc-dev/stackc/issues';

export function createProgram(setExit: (code: number) => void): Command {
  const program = new Command('stackc')
    .description('Compile one stack.yaml into Docker Compose, Kubernetes, Fly, Railway, Vercel and GitHub Actions config.')
    .version(pkg.version, '-v, --version', 'print the stackc version')
    .option('-f, --file <path>', 'the stack file (default: stack.yaml or stack.yml in the working directory)')
    .option('-C, --cwd <dir>', 'run as if started in <dir>')
    .option('--no-color', 'never colour output (NO_COLOR=1 does the same)')
    .exitOverride() // before the commands are added, so they inherit it
    .showSuggestionAfterError(true)
    .showHelpAfterError('(run `stackc --help` for usage)')
    .addHelpText('after', `
Examples:
  $ stackc init                          write a commented starter stack.yaml
  $ stackc validate                      check ./stack.yaml
  $ stackc validate -f deploy/stack.yaml check another file
  $ stackc build                         generate Compose, Kubernetes, ... files
  $ stackc build --check                 in CI: fail if generated files are stale
  $ stackc lint                          check policy (pre-commit friendly)
  $ stackc rules                         list the lint rules and their levels
  $ stackc explain non-root-user         why a rule exists and how to fix its findings
  $ stackc diff --base origin/main       what this branch changes in every generated file
  $ stackc import docker-compose.yml     start from an existing compose project
  $ stackc graph --env production        draw the stack as a Mermaid diagram
  $ stackc schema > stack.schema.json    save the JSON Schema for an editor

Exit codes: 0 ok, 1 findings, 2 bad input or usage, 3 internal error.`);

  const run = (action: (opts: GlobalOptions & Record<string, unknown>, output: Output) => Promise<number>) =>
    async (_options: unknown, command: Command) => {
      const opts = command.optsWithGlobals<GlobalOptions & Record<string, unknown>>();
      setExit(await action(opts, createOutput(opts.color)));
    };

  program
    .command('validate')
    .description('check stack.yaml against the schema and for broken references, cycles and clashes')
    .addOption(new Option('--format <format>', 'output format').choices(['pretty', 'json']).default('pretty'))
    .addHelpText('after', '\nExamples:\n  $ stackc validate\n  $ stackc validate --format json   diagnostics as JSON, for editors and CI')
    .action(run(async (opts, output) => (await import('./commands/validate.js')).runValidate(opts, output)));

  program
    .command('build')
    .description('generate every target\'s files from stack.yaml (writes nothing if anything fails)')
    .option('-e, --env <environment>', 'only this environment')
    .option('-t, --target <target>', 'only this target')
    .option('-o, --out <dir>', 'write under <dir> instead of the directory of stack.yaml')
    .option('--dry-run', 'list what would change, write nothing')
    .option('--check', 'exit 1 if building would change anything (for CI); write nothing')
    .option('--force', 'overwrite files stackc did not generate or that were edited by hand')
    .option('--verbose', 'also print notes on how each target maps the stack')
    .addHelpText('after', '\nExamples:\n  $ stackc build\n  $ stackc build --env production --target kubernetes\n  $ stackc build --check     in CI: fail when generated files are stale')
    .action(run(async (opts, output) => (await import('./commands/build.js')).runBuild(opts, output)));

  program
    .command('lint')
    .description('check policy: non-root users, healthchecks, pinned images, secrets kept out of git, ... (exit 1 on errors)')
    .addOption(new Option('--format <format>', 'report format').choices(['pretty', 'json', 'sarif', 'github']).default('pretty'))
    .option('-o, --output <file>', 'write the report to <file> (inside the project) instead of stdout; the exit code is the same')
    .option('--rule <id=level>', 'set a rule\'s level for this run (repeatable): off, info, warn or error', (value: string, previous: string[] = []) => [...previous, value])
    .option('--max-warnings <n>', 'also exit 1 when there are more than <n> warnings')
    .option('--baseline <file>', 'report only findings not recorded in <file> (see --update-baseline)')
    .option('--update-baseline', 'record the current findings in the baseline (default .stackc/lint-baseline.json) and exit 0')
    .option('--no-inline-suppressions', 'ignore `# stackc-disable` comments (for audits)')
    .addHelpText('after', '\nExamples:\n  $ stackc lint\n  $ stackc lint --format sarif -o stackc.sarif     for GitHub code scanning\n  $ stackc lint --format github                   annotations in a GitHub Actions log\n  $ stackc lint --rule resource-limits=off --max-warnings 0\n  $ stackc lint --update-baseline && stackc lint --baseline .stackc/lint-baseline.json')
    .action(run(async (opts, output) => (await import('./commands/lint.js')).runLintCommand(opts, output)));

  program
    .command('rules')
    .description('list the lint rules with their levels in the recommended and strict presets')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .addHelpText('after', '\nExamples:\n  $ stackc rules\n  $ stackc rules --format json')
    .action(run(async (opts, output) => (await import('./commands/rules.js')).runRules(opts as { format?: 'text' | 'json' }, output)));

  program
    .command('explain')
    .description('print a lint rule\'s documentation (why, how to fix, examples, options), or what a diagnostic code of validate or build means')
    .argument('<rule>', 'the rule id or diagnostic code, as printed with each finding in [brackets]')
    .addHelpText('after', '\nExamples:\n  $ stackc explain non-root-user\n  $ stackc explain compose/public')
    .action(async (rule: string, _options: unknown, command: Command) => {
      const opts = command.optsWithGlobals<GlobalOptions>();
      setExit((await import('./commands/explain.js')).runExplain(rule, createOutput(opts.color)));
    });

  program
    .command('diff')
    .description('show what a change to stack.yaml does to every generated file (or, without --base, what `stackc build` would change on disk)')
    .option('--base <ref>', 'compare with stack.yaml at this git ref (branch, tag or commit)')
    .option('--head <ref>', 'with --base: compare with this ref instead of the working tree')
    .option('-e, --env <environment>', 'only this environment')
    .option('-t, --target <target>', 'only this target')
    .option('-o, --out <dir>', 'the output directory, as given to `stackc build --out`')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'markdown', 'json']).default('text'))
    .option('--exit-code', 'exit 1 when there are changes, 0 when there are none (like `git diff --exit-code`)')
    .option('--summary', 'only the summary: risky changes, counts and resource changes, no file diffs')
    .option('--max-size <chars>', 'markdown: largest output; file diffs beyond it are left out with a note (default 60000)')
    .option('--no-graph', 'markdown: leave out the before/after architecture graph shown when services, resources or dependencies change')
    .addHelpText('after', '\nExamples:\n  $ stackc diff                                     drift: hand edits, stale and missing files\n  $ stackc diff --base origin/main                  this branch vs main, resource by resource\n  $ stackc diff --base origin/main --format markdown >> "$GITHUB_STEP_SUMMARY"\n  $ stackc diff --base v1.2.0 --head v1.3.0 --env production --exit-code')
    .action(run(async (opts, output) => (await import('./commands/diff.js')).runDiff(opts, output)));

  program
    .command('graph')
    .description('draw one environment: services, resources, dependencies and entry points, grouped by the target that runs them')
    .option('-e, --env <environment>', 'the environment to draw (default: the first)')
    .addOption(new Option('--format <format>', 'mermaid (default), dot or svg; without it, the -o extension decides').choices(['mermaid', 'dot', 'svg']))
    .option('-o, --output <file>', 'write to <file> instead of stdout (.md: Mermaid in a ```mermaid block; never stack.yaml or a generated file)')
    .addHelpText('after', '\nExamples:\n  $ stackc graph                                     Mermaid of the default environment\n  $ stackc graph --env production -o docs/architecture.md\n  $ stackc graph --env production -o architecture.svg   rendered in-process, no Graphviz needed\n  $ stackc graph --format dot | dot -Tpng -o stack.png')
    .action(run(async (opts, output) => (await import('./commands/graph.js')).runGraph(opts, output)));

  program
    .command('import')
    .description('turn docker-compose files into a commented stack.yaml, reporting what could not be carried over')
    .argument('[files...]', 'compose files, merged as `docker compose -f a -f b` does (default: compose.yaml and its override, as Compose finds them)')
    .option('-o, --output <file>', 'write stack.yaml here (default: stack.yaml in the working directory)')
    .option('--force', 'replace an existing stack file')
    .option('--env-file <file>', 'variables for ${...} interpolation (default: .env next to the first compose file)')
    .addHelpText('after', '\nExamples:\n  $ stackc import\n  $ stackc import docker-compose.yml docker-compose.prod.yml\n  $ stackc import -o deploy/stack.yaml --env-file .env.local\n\nExit codes: 0 everything carried over, 1 something left out (listed), 2 bad input.')
    .action(async (files: string[], _options: unknown, command: Command) => {
      const opts = command.optsWithGlobals<GlobalOptions & Record<string, unknown>>();
      setExit(await (await import('./commands/import.js')).runImport({ ...opts, files }, createOutput(opts.color)));
    });

  program
    .command('schema')
    .description('print the JSON Schema of stack.yaml')
    .addHelpText('after', '\nExamples:\n  $ stackc schema > stack.schema.json')
    .action(run(async (_opts, output) => (await import('./commands/schema.js')).runSchema(output)));

  program
    .command('init')
    .description('write a commented starter stack.yaml (never overwrites without --force)')
    .option('--name <name>', 'the application name (default: the directory name)')
    .option('--force', 'replace an existing stack file')
    .addHelpText('after', '\nExamples:\n  $ stackc init\n  $ stackc init --name shop -f deploy/stack.yaml')
    .action(run(async (opts, output) => (await import('./commands/init.js')).runInit(opts, output)));

  return program;
}

/** Runs the CLI and returns its exit code; never throws. */
export async function main(argv: string[]): Promise<number> {
  let exitCode: number = EXIT.ok;
  const program = createProgram((code) => (exitCode = code));
  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (error) {
    return handleError(error);
  }
}

function handleError(error: unknown): number {
  if (error instanceof CommanderError) {
    // Help and version "errors" are successes; everything else commander reports is a usage error
    // it has already printed.
    return error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help' ? EXIT.ok : EXIT.badInput;
  }
  const output = createOutput(process.argv.includes('--no-color') ? false : undefined);
  if (error instanceof UserError) {
    printDiagnostics(output, error.diagnostics, new Map());
    return EXIT.badInput;
  }
  const err = error instanceof Error ? error : new Error(String(error));
  // The bundle is minified: the trace is mapped back to the sources (source-trace.ts).
  const stack = err.stack ? sourceMappedStack(err.stack, fileURLToPath(import.meta.url)) : '';
  output.err(`${output.palette.error('internal error')}: ${err.message}\n\nThis is a bug in stackc, not in your stack. Please report it at ${ISSUES_URL}\nwith the command you ran and, if you can, your stack.yaml (remove anything private).\n\n${output.palette.dim(stack)}`);
  return EXIT.internal;
}
