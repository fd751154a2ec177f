import { loadStack } from '../../api/load.js';
import { EXIT } from '../exit-codes.js';
import { printDiagnostics, type Output } from '../output.js';
import { stackFilePath, workingDirectory, type GlobalOptions } from '../stack-file.js';

export interface ValidateOptions extends GlobalOptions {
  format?: 'pretty' | 'json';
}

/** `stackc validate`: schema and semantic checks (the library's loadStack), nothing written. */
export function runValidate(opts: ValidateOptions, output: Output): number {
  const cwd = workingDirectory(opts);
  const path = stackFilePath(opts, cwd);
  const result = loadStack(path, { cwd });
  const failed = !result.ok;
  if (opts.format === 'json') {
    output.out(JSON.stringify({ valid: !failed, diagnostics: result.diagnostics }, null, 2));
    return failed ? EXIT.badInput : EXIT.ok;
  }
  printDiagnostics(output, result.diagnostics, result.sources);
  if (!result.ok) return EXIT.badInput;
  const stack = result.stack;
  const first = stack.views.get(stack.environments[0]!.name)!;
  const count = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  output.out(
    `${output.palette.bold(result.source.file)}: valid — ${count(first.services.length, 'service')}, ${count(first.resources.length, 'resource')}, ${count(stack.environments.length, 'environment')} (${stack.environments.map((e) => e.name).join(', ')})`,
  );
  return EXIT.ok;
}
