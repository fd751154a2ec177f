import type { Diagnostic } from './diagnostic.js';
import { didYouMean } from './suggest.js';

/** `--env NAME` naming no environment of the stack. */
export const unknownEnvironment = (name: string, environments: readonly string[], file: string): Diagnostic => ({
  severity: 'error',
  code: 'usage',
  message: `no environment \`${name}\` in ${file}`,
  hint: didYouMean(name, environments) ?? `environments: ${environments.join(', ')}`,
});

/** `--target NAME` naming no target the stack enables. */
export const targetNotEnabled = (name: string, enabled: readonly string[], file: string): Diagnostic => ({
  severity: 'error',
  code: 'usage',
  message: `target \`${name}\` is not enabled in ${file}`,
  hint: didYouMean(name, enabled) ?? (enabled.length ? `enabled targets: ${enabled.join(', ')}` : 'add it under `targets:` in stack.yaml'),
});
