// What the import could not carry over (warnings: the import is incomplete, exit 1) or carried
// over differently (info), each at its compose file position. `affects` names the part of the
// service the note is about, so the round-trip test can exclude exactly what was reported.
import type { SourceRef } from '../diagnostics/diagnostic.js';
import { byCodePoint } from '../model/order.js';

/** Parts of a service the round-trip comparison checks. */
export type Aspect = 'service' | 'image' | 'ports' | 'env' | 'healthcheck' | 'depends_on' | 'volumes';

export interface ImportNote {
  severity: 'warning' | 'info';
  at: SourceRef;
  message: string;
  hint?: string;
  /**
   * The compose service and the compared part the note explains (key: a variable, a port, a mount
   * target, a dependency), and the environment whose compose file differs (none: every one).
   */
  affects?: { service: string; aspect: Aspect; key?: string; environment?: string };
}

export class Notes {
  readonly list: ImportNote[] = [];
  /** Something was left out: `<what> was not carried over: <why>`. */
  dropped(at: SourceRef, what: string, why: string, extra: Partial<ImportNote> = {}): void {
    this.list.push({ severity: 'warning', at, message: `${what} was not carried over: ${why}`, ...extra });
  }
  /** Carried over, but not literally. */
  changed(at: SourceRef, message: string, extra: Partial<ImportNote> = {}): void {
    this.list.push({ severity: 'info', at, message, ...extra });
  }
}

/** Sorted by file order given, then position, then message: output does not depend on discovery order. */
export function sortNotes(notes: readonly ImportNote[], fileOrder: readonly string[]): ImportNote[] {
  const rank = (f: string) => {
    const i = fileOrder.indexOf(f);
    return i < 0 ? fileOrder.length : i;
  };
  const seen = new Set<string>();
  return [...notes]
    .sort((a, b) => rank(a.at.file) - rank(b.at.file) || byCodePoint(a.at.file, b.at.file) || a.at.line - b.at.line || a.at.col - b.at.col || byCodePoint(a.message, b.message))
    .filter((n) => {
      const key = `${n.at.file}:${n.at.line}:${n.at.col}:${n.severity}:${n.message}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}

/** `compose.yaml:12:5 warning: cap_add was not carried over: ...`, and the hint indented below. */
export function formatNote(n: ImportNote): string {
  return `${n.at.file}:${n.at.line}:${n.at.col} ${n.severity}: ${n.message}${n.hint ? `\n  hint: ${n.hint}` : ''}`;
}
