import { existsSync, statSync } from 'node:fs';
import { basename, dirname, extname, relative, resolve } from 'node:path';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { didYouMean } from '../../diagnostics/suggest.js';
import { GRAPH_FORMATS, renderGraph, type GraphFormat } from '../../graph/index.js';
import { outputPathProblem } from '../../emit/output-guard.js';
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

/** Extensions of formats stackc graph does not write, so `-o x.png` is not left holding Mermaid text. */
const FOREIGN: Readonly<Record<string, string>> = { '.png': 'PNG', '.jpg': 'JPEG', '.jpeg': 'JPEG', '.gif': 'GIF', '.webp': 'WebP', '.bmp': 'BMP', '.tif': 'TIFF', '.tiff': 'TIFF', '.avif': 'AVIF', '.pdf': 'PDF', '.html': 'HTML', '.htm': 'HTML', '.ps': 'PostScript', '.eps': 'PostScript' };

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

  const extension = opts.output ? extname(opts.output).toLowerCase() : '';
  const foreign = FOREIGN[extension];
  if (foreign) {
    const svg = `${opts.output!.slice(0, -extension.length)}.svg`;
    return usage(`-o ${opts.output} asks for ${foreign}, which stackc graph does not write (it writes mermaid: .mmd or .md, dot: .dot or .gv, svg: .svg)`, `write \`-o ${svg}\` and convert it (e.g. \`rsvg-convert ${svg} -o ${opts.output}\`), or \`--format dot\` for Graphviz's \`dot -T\``);
  }
  const implied = opts.output ? EXTENSIONS[extension] : undefined;
  const format = opts.format ?? implied ?? 'mermaid';
  if (!(GRAPH_FORMATS as readonly string[]).includes(format)) {
    return usage(`unknown graph format \`${format}\``, didYouMean(format, GRAPH_FORMATS) ?? `formats: ${GRAPH_FORMATS.join(', ')}`);
  }
  if (opts.format && implied && implied !== opts.format) {
    return usage(`-o ${opts.output}: its extension means ${implied}, but --format is ${opts.format}`, `drop \`--format\` to write ${implied}, or name a file for ${opts.format} (${Object.keys(EXTENSIONS).filter((e) => EXTENSIONS[e] === opts.format).join(', ')})`);
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
 * Why `-o` may not name this file: the one output guard (src/emit/output-guard.ts: never the
 * stack file, a generated file, .git/, a directory or a link), and the directory must exist (a
 * typo should not create a tree).
 */
function outputProblem(name: string, cwd: string, stackPath: string, root: string): { message: string; hint?: string } | undefined {
  const target = resolve(cwd, name);
  const guarded = outputPathProblem(target, { stackPath, root, manifest: readManifest(root) });
  if (guarded) return { message: `-o ${name} ${guarded.why}; stackc graph never writes there`, hint: guarded.hint };
  const parent = dirname(target);
  if (!existsSync(parent) || !statSync(parent).isDirectory()) return { message: `-o ${name}: the directory ${relative(cwd, parent) || parent} does not exist`, hint: 'create it first, or name a file in an existing directory' };
  return undefined;
}
