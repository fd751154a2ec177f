// What a patch must not do to a generated file: give a value stackc wrote another type (a list
// where the platform's schema wants a map, text where it wants a number). stackc writes only what
// the platform's schema accepts (tests hold every output to it), so a value that changes type is
// one the schema most likely refuses; the build reports it at the patch instead of letting the
// platform refuse the file at deploy time. Keys the patch adds are the platform's to check.
import { isMap } from './json.js';

const kind = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'list' : isMap(v) ? 'map' : typeof v === 'string' ? 'text' : typeof v);

export interface TypeChange {
  /** `spec.replicas`, `services.api.ports[0]`. */
  at: string;
  was: string;
  now: string;
}

/** Whether the platform takes either type at `at` (Kubernetes' int-or-string fields). */
export type Interchangeable = (at: string, was: string, now: string) => boolean;

/** Values present in both documents whose type differs, outermost first. */
export function typeChanges(before: unknown, after: unknown, interchangeable: Interchangeable = () => false, at = ''): TypeChange[] {
  if (after === undefined || before === undefined) return [];
  const was = kind(before);
  const now = kind(after);
  if (was !== now) return interchangeable(at, was, now) ? [] : [{ at: at || '(the document)', was, now }];
  if (Array.isArray(before) && Array.isArray(after)) return before.flatMap((v, i) => typeChanges(v, after[i], interchangeable, `${at}[${i}]`));
  if (isMap(before) && isMap(after)) return Object.keys(before).flatMap((k) => typeChanges(before[k], after[k], interchangeable, at ? `${at}.${k}` : k));
  return [];
}

export const describeTypeChange = (c: TypeChange): string => `makes \`${c.at}\` ${article(c.now)} where stackc writes ${article(c.was)}`;
const article = (k: string): string => (k === 'list' || k === 'map' || k === 'number' || k === 'boolean' ? `a ${k}` : k);
