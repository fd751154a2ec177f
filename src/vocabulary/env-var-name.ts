// Environment variable names. stack.yaml takes what Docker and Kubernetes take
// (`[-._a-zA-Z][-._a-zA-Z0-9]*`, Kubernetes' IsEnvVarName); a POSIX shell expands only
// `[A-Za-z_][A-Za-z0-9_]*`, and some platforms store only those.

/** A name a shell can expand (`$NAME`), and every platform's variable store takes. */
export const isShellName = (name: string): boolean => /^[A-Za-z_][A-Za-z0-9_]*$/.test(name);

/** A name stack.yaml's `env` takes: Docker's and Kubernetes' rule, `.` and `-` included. */
export const isEnvVarName = (name: string): boolean => /^[-._a-zA-Z][-._a-zA-Z0-9]*$/.test(name);

/**
 * Whether a shell text tries to expand the variable `name` (`$discovery.type`, `${discovery.type}`),
 * which no shell can when the name has `.` or `-`: `$discovery.type` is `$discovery` then `.type`.
 */
export function expandsInShell(text: string, name: string): boolean {
  const escaped = name.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&');
  return new RegExp(`(?<!\\$)\\$(?:\\{${escaped}[}:?=+-]|${escaped}(?![-._A-Za-z0-9]))`).test(text);
}
