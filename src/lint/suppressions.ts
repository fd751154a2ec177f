// Inline suppressions, in any file lint reports on (stack.yaml, Dockerfiles, env files):
//
//   # stackc-disable-next-line <rule>[, <rule>] -- <reason>
//   some: line            # stackc-disable-line <rule> -- <reason>
//   # stackc-disable <rule> -- <reason>      (until `# stackc-enable <rule>` or the end of the file)
//
// The syntax is frozen: peers that changed theirs confused users for years. Rule ids are required
// (there is no bare "disable everything"), and a reason is expected.

export type DirectiveKind = 'disable-next-line' | 'disable-line' | 'disable' | 'enable';

export interface Directive {
  kind: DirectiveKind;
  rules: string[];
  reason?: string;
  line: number;
  col: number;
  endCol: number;
  /** Lines the directive covers (inclusive); for `enable`, empty. */
  from: number;
  to: number;
}

const DIRECTIVE = /#\s*stackc-(disable-next-line|disable-line|disable|enable)\b([^\n]*)$/;

/** Finds every directive in a file's text and the lines it covers. */
export function parseDirectives(text: string): Directive[] {
  const lines = text.split(/\r?\n/);
  const directives: Directive[] = [];
  const open = new Map<string, Directive>();
  for (let i = 0; i < lines.length; i++) {
    const match = DIRECTIVE.exec(lines[i]!);
    if (!match) continue;
    const kind = match[1] as DirectiveKind;
    const [list = '', ...reasonParts] = match[2]!.split(/\s--\s?|^--\s?/);
    const reason = reasonParts.join(' -- ').trim();
    const rules = list.split(/[\s,]+/).filter(Boolean);
    const line = i + 1;
    const col = match.index + 1;
    const base = { kind, rules, ...(reason ? { reason } : {}), line, col, endCol: lines[i]!.length + 1 };
    if (kind === 'disable-line') directives.push({ ...base, from: line, to: line });
    else if (kind === 'disable-next-line') {
      const next = nextContentLine(lines, i + 1);
      directives.push({ ...base, from: next, to: next });
    } else if (kind === 'disable') {
      // One directive per rule, so `stackc-enable a` ends a's block and leaves b's open.
      for (const rule of rules.length ? rules : ['']) {
        const directive = { ...base, rules: rule ? [rule] : [], from: line + 1, to: lines.length };
        directives.push(directive);
        if (rule) open.set(rule, directive);
      }
    } else {
      directives.push({ ...base, from: 0, to: -1 });
      for (const rule of rules) {
        const opened = open.get(rule);
        if (!opened) continue;
        opened.to = line - 1;
        open.delete(rule);
      }
    }
  }
  return directives;
}

/** The first line after `index` (0-based) that is not blank and not only a comment, 1-based. */
function nextContentLine(lines: readonly string[], index: number): number {
  for (let i = index; i < lines.length; i++) {
    const t = lines[i]!.trim();
    if (t !== '' && !t.startsWith('#')) return i + 1;
  }
  return lines.length + 1;
}

/** The directive that suppresses `rule` at `line`, if any. */
export function suppressing(directives: readonly Directive[], rule: string, line: number): Directive | undefined {
  return directives.find((d) => d.kind !== 'enable' && d.from <= line && line <= d.to && d.rules.includes(rule));
}
