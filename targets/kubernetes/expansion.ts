// Kubernetes expands `$(VAR)` in env values, command, args and exec probes, and turns `$$` into
// `$`. Text from stack.yaml is literal, so every `$` that starts `$(` or `$$` is doubled: `echo $$`
// stays `echo $$`, and only the `$(VAR)` references stackc writes on purpose are expanded.

export function escapeExpansion(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    const next = text[i + 1];
    out += c === '$' && (next === '$' || next === '(') ? '$$' : c;
  }
  return out;
}

export const escapeCommand = (command: readonly string[]): string[] => command.map(escapeExpansion);

/** A reference to an earlier environment variable, expanded by the kubelet. */
export const varRef = (name: string): string => `$(${name})`;
