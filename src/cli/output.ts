import { Chalk, type ChalkInstance } from 'chalk';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { maskSecretText } from '../vocabulary/mask-secret-text.js';
import { formatDiagnostic, formatSummary, type Palette, type SourceTexts } from '../diagnostics/format.js';

export interface Output {
  /** Results, for pipes: stdout. */
  out(text: string): void;
  /** Diagnostics and progress: stderr. */
  err(text: string): void;
  palette: Palette;
}

/**
 * Colour only on a terminal, never when NO_COLOR is set (https://no-color.org) or `--no-color` is
 * given; FORCE_COLOR turns it on for CI logs that render ANSI.
 */
export function colourLevel(stream: NodeJS.WriteStream, env: NodeJS.ProcessEnv, flag: boolean | undefined): 0 | 1 {
  if (flag === false || (env.NO_COLOR !== undefined && env.NO_COLOR !== '')) return 0;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false') return 1;
  return stream.isTTY && env.TERM !== 'dumb' ? 1 : 0;
}

export function paletteOf(chalk: ChalkInstance): Palette {
  return { error: chalk.red.bold, warning: chalk.yellow.bold, info: chalk.cyan, dim: chalk.dim, bold: chalk.bold };
}

/** For text written to a file (`lint -o`): never colour, whatever FORCE_COLOR says; files are read by tools, not terminals. */
export const PLAIN_PALETTE: Palette = paletteOf(new Chalk({ level: 0 }));

export function createOutput(colour: boolean | undefined): Output {
  const level = colourLevel(process.stderr, process.env, colour);
  return {
    out: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
    err: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
    palette: paletteOf(new Chalk({ level })),
  };
}

/** Prints diagnostics with code frames; secret-looking values in the frames are masked, whatever the command. */
export function printDiagnostics(output: Output, diagnostics: readonly Diagnostic[], sources: SourceTexts): void {
  if (diagnostics.length === 0) return;
  const masked: SourceTexts = new Map([...sources].map(([file, text]) => [file, maskSecretText(text)]));
  output.err(`${diagnostics.map((d) => formatDiagnostic(d, masked, output.palette)).join('\n\n')}\n\n${formatSummary(diagnostics)}`);
}
