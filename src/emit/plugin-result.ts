// What a plugin target hands back is checked before stackc uses it: a plugin is someone else's
// code, and a wrong shape (an async `emit`, a path that is not text) must be the plugin's error
// (`plugin-failed`, exit 2), never an internal error of stackc or an unhandled rejection.
import type { Artifact } from './target.js';

/** The artifacts of a plugin's `emit`, or why they cannot be used. */
export function pluginArtifacts(value: unknown): { artifacts: Artifact[] } | { problem: string } {
  if (isThenable(value)) {
    value.then(undefined, () => undefined); // its rejection is the plugin's, reported here
    return { problem: '`emit` returned a Promise; it must return the files synchronously (an array)' };
  }
  if (!Array.isArray(value)) return { problem: `\`emit\` returned ${describe(value)}, not an array of files` };
  for (const [index, item] of value.entries()) {
    const file = item as Partial<Artifact> | null;
    if (typeof file?.path !== 'string' || typeof file.content !== 'string') return { problem: `\`emit\` returned a file (#${index + 1}) without a text \`path\` and \`content\`` };
  }
  return { artifacts: value as Artifact[] };
}

/** Whatever a plugin threw, as one line: not everything thrown is an Error. */
export function thrownMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return typeof error === 'string' ? error : `it threw ${describe(error)}`;
}

const isThenable = (value: unknown): value is PromiseLike<unknown> => typeof (value as { then?: unknown } | null)?.then === 'function';

const describe = (value: unknown): string => (value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value === 'object' ? 'an object' : `${typeof value} \`${String(value)}\``);
