// `${{ }}` expressions in `ci.steps` commands. GitHub Actions substitutes them into the script
// before the shell runs, so a value whoever triggers the run can choose (a pull request's title, a
// branch name: git allows `$(`, `;` and backticks in one) becomes shell code. GitHub's hardening
// guide (docs.github.com/en/actions/security-for-github-actions/security-guides/
// security-hardening-for-github-actions#understanding-the-risk-of-script-injections) and zizmor's
// template-injection audit name these contexts; stackc refuses them and shows the variable that
// carries the value into the step's environment instead.

/** Each `${{ ... }}` of a command, as written. */
export const expressionsIn = (command: string): string[] => [...command.matchAll(/\$\{\{[\s\S]*?\}\}/g)].map((m) => m[0]);

// The event payload (any of it, or `github` whole through toJSON), ref names, and values a step,
// job or caller passed on. Context names are case-insensitive in expressions.
const UNTRUSTED = /\bgithub\s*(?:\.\s*(?:event\b|head_ref\b|base_ref\b|ref\b|ref_name\b)|\[|\))|\b(?:inputs|steps|needs)\s*[.[]/i;

/** Whether an expression reads a value whoever triggers the run can choose. */
export const isUntrusted = (expression: string): boolean => UNTRUSTED.test(expression);

// The variables GitHub sets in every step's environment for the ref contexts
// (docs.github.com/en/actions/reference/workflows-and-actions/variables#default-environment-variables).
const DEFAULT_VARIABLES: Record<string, string> = { head_ref: 'GITHUB_HEAD_REF', base_ref: 'GITHUB_BASE_REF', ref: 'GITHUB_REF', ref_name: 'GITHUB_REF_NAME' };

/** What to write instead: the environment variable that holds the value, quoted for the shell. */
export function saferForm(expression: string): string | undefined {
  const inner = expression.slice(3, -2).trim();
  const ref = /^github\.(head_ref|base_ref|ref|ref_name)$/i.exec(inner);
  if (ref) return `"$${DEFAULT_VARIABLES[ref[1]!.toLowerCase()]}"`;
  const event = /^github\.event((?:\.[A-Za-z_][A-Za-z0-9_-]*)+)$/i.exec(inner);
  if (event) return `"$(jq -r '${event[1]}' "$GITHUB_EVENT_PATH")"`;
  return undefined;
}
