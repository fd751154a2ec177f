import { existsSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, extname, join, relative, resolve, sep } from 'node:path';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { didYouMean } from '../../diagnostics/suggest.js';
import { GRAPH_FORMATS, renderGraph, type GraphFormat } from '../../graph/index.js';
import { readManifest, writeAtomically } from '../../emit/writer.js';
import { EXIT } from '../exit-codes.js';
import { unknownEnvironment } from '../../diagnostics/selection.js';
import { printDiagnostics, type Output } from '../output.js';
import { loadForCommand, type GlobalOptions } from '../stack-file.js';

export interface GraphCommandOptions extends GlobalOptions {
  env?: string;
  format?: string;
  /** `-o FILE`. */
  output?: string;
}

/** Formats a file name implies when `--format` is not given. */
const EXTENSIONS: Readonly<Record<string, GraphFormat>> = {
  '.mmd': 'mermaid',
  '.mermaid': 'mermaid',
  '.md': 'mermaid',
  '.markdown': 'mermaid',
  '.dot': 'dot',
  '.gv': 'dot',
  '.svg': 'svg',
};

/**
 * `stackc graph`: the stack of one environment as Mermaid (default), DOT or SVG, on stdout or in
 * `-o FILE`. Reads stack.yaml only; writes nothing but that one file.
 */
export async function runGraph(opts: GraphCommandOptions, output: Output): Promise<number> {
  const loaded = loadForCommand(opts, output);
  if (typeof loaded === 'number') return loaded;
  const { cwd, path, stack, sources } = loaded;
  const file = loaded.source.file;
  const diagnostics: Diagnostic[] = [...loaded.diagnostics];
  const usage = (message: string, hint?: string): number => {
    printDiagnostics(output, [...diagnostics, { severity: 'error', code: 'usage', message, ...(hint ? { hint } : {}) }], sources);
    return EXIT.badInput;
  };

  const implied = opts.output ? EXTENSIONS[extname(opts.output).toLowerCase()] : undefined;
  const format = opts.format ?? implied ?? 'mermaid';
  if (!(GRAPH_FORMATS as readonly string[]).includes(format)) {
    return usage(`unknown graph format \`${format}\``, didYouMean(format, GRAPH_FORMATS) ?? `formats: ${GRAPH_FORMATS.join(', ')}`);
  }
  if (opts.format && implied && implied !== opts.format) {
    diagnostics.push({ severity: 'warning', code: 'graph/format-extension', message: `${opts.output} gets ${opts.format}, although its extension suggests ${implied}`, hint: `drop \`--format\` to write ${implied}, or rename the file` });
  }

  const envNames = stack.environments.map((e) => e.name);
  const environment = opts.env ?? envNames[0]!;
  if (!envNames.includes(environment)) {
    printDiagnostics(output, [...diagnostics, unknownEnvironment(environment, envNames, file)], sources);
    return EXIT.badInput;
  }

  let target: string | undefined;
  if (opts.output !== undefined) {
    const problem = outputProblem(opts.output, cwd, resolve(cwd, path), stack.root);
    if (problem) return usage(problem.message, problem.hint);
    target = resolve(cwd, opts.output);
  }

  printDiagnostics(output, diagnostics, sources);
  let text = await renderGraph(stack, environment, format as GraphFormat, { source: basename(file) });
  if (target === undefined) {
    output.out(text);
    return EXIT.ok;
  }
  // In Markdown, a Mermaid graph is a fenced block: GitHub renders it in place.
  if (format === 'mermaid' && ['.md', '.markdown'].includes(extname(target).toLowerCase())) text = `\`\`\`mermaid\n${text}\`\`\`\n`;
  writeAtomically(target, text);
  output.out(`stackc graph: wrote ${relative(cwd, target) || target} (${format}, environment ${environment})`);
  return EXIT.ok;
}

/**
 * Why `-o` may not name this file. The user names the file explicitly, so it may be anywhere (like
 * a shell redirection); but never the stack file, a directory, or a file `stackc build` generated,
 * and the directory must exist (a typo should not create a tree).
 */
function outputProblem(name: string, cwd: string, stackPath: string, root: string): { message: string; hint?: string } | undefined {
  const target = resolve(cwd, name);
  if (samePath(target, stackPath)) return { message: `-o ${name} is the stack file itself; stackc graph never overwrites it`, hint: 'name another file, e.g. `-o architecture.md`' };
  if (existsSync(target) && statSync(target).isDirectory()) return { message: `-o ${name} is a directory`, hint: `name a file in it, e.g. \`-o ${join(name, 'architecture.svg')}\`` };
  const parent = dirname(target);
  if (!existsSync(parent) || !statSync(parent).isDirectory()) return { message: `-o ${name}: the directory ${relative(cwd, parent) || parent} does not exist`, hint: 'create it first, or name a file in an existing directory' };
  const inRoot = relative(root, target);
  if (!inRoot.startsWith('..') && !inRoot.startsWith(sep) && inRoot !== '') {
    const generated = readManifest(root)?.files.find((f) => f.path === inRoot.split(sep).join('/'));
    if (generated) return { message: `-o ${name} is a file \`stackc build\` generates (target ${generated.target}); stackc graph does not overwrite it`, hint: 'name another file' };
  }
  return undefined;
}

function samePath(a: string, b: string): boolean {
  if (a === b) return true;
  try {
    return existsSync(a) && realpathSync(a) === realpathSync(b);
  } catch {
    return false;
  }
}
