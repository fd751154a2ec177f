import { loadStack } from '../../api/load.js';
import { missingPathDiagnostics } from '../missing-path-diagnostics.js';
import { EXIT } from '../exit-codes.js';
import { printDiagnostics, type Output } from '../output.js';
import { stackFilePath, workingDirectory, type GlobalOptions } from '../stack-file.js';
import { plural } from '../../vocabulary/plural.js';

export interface ValidateOptions extends GlobalOptions {
  format?: 'pretty' | 'json';
}

/** `stackc validate`: schema and semantic checks (the library's loadStack), nothing written. */
export function runValidate(opts: ValidateOptions, output: Output): number {
  const cwd = workingDirectory(opts);
  const path = stackFilePath(opts, cwd);
  const loaded = loadStack(path, { cwd });
  // Only validate looks for the directories (src/project/missing-paths.ts says why).
  const missing = loaded.ok ? missingPathDiagnostics(loaded) : [];
  const result = missing.length > 0 ? { ...loaded, ok: false as const, stack: undefined, diagnostics: [...loaded.diagnostics, ...missing] } : loaded;
  const failed = !result.ok;
  if (opts.format === 'json') {
    output.out(JSON.stringify({ valid: !failed, diagnostics: result.diagnostics }, null, 2));
    return failed ? EXIT.badInput : EXIT.ok;
  }
  printDiagnostics(output, result.diagnostics, result.sources);
  if (!result.ok) return EXIT.badInput;
  const stack = result.stack;
  const first = stack.views.get(stack.environments[0]!.name)!;
  output.out(
    `${output.palette.bold(result.source.file)}: valid — ${plural(first.services.length, 'service')}, ${plural(first.resources.length, 'resource')}, ${plural(stack.environments.length, 'environment')} (${stack.environments.map((e) => e.name).join(', ')})`,
  );
  return EXIT.ok;
}
