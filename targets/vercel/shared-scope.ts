// Vercel holds one value per variable for each environment and Git branch: two stack environments
// that map to the same scope (two branchless Previews, or two development-role environments) share
// their variables. `vercel env add` refuses a variable that already exists there, so the setup page
// adds each variable once per scope, in the first environment that has it, and the later ones are
// told whose values they get.
import type { VercelEnvironment } from './environments.js';
import type { Variable } from './variables.js';

/** `preview develop`, `preview *`: the Vercel scope a variable is added to. */
const scopeKey = (v: VercelEnvironment): string => `${v.target} ${v.gitBranch ?? '*'}`;

export interface SharedVariable {
  variable: Variable;
  /** The earlier stack environment in the same scope that adds it. */
  addedBy: string;
  /** Whether the earlier environment's value is another (so this one's is lost). */
  differs: boolean;
}

/**
 * For each environment (by index), the variables an earlier environment in the same Vercel scope
 * already adds.
 */
export function sharedVariables(environments: readonly { environment: { name: string }; vercel: VercelEnvironment; variables: readonly Variable[] }[]): SharedVariable[][] {
  const added = new Map<string, Map<string, { by: string; value: string | undefined }>>();
  return environments.map((e) => {
    const scope = added.get(scopeKey(e.vercel)) ?? new Map<string, { by: string; value: string | undefined }>();
    added.set(scopeKey(e.vercel), scope);
    const shared: SharedVariable[] = [];
    for (const variable of e.variables) {
      const earlier = scope.get(variable.name);
      if (earlier) shared.push({ variable, addedBy: earlier.by, differs: earlier.value !== variable.value || variable.value === undefined });
      else scope.set(variable.name, { by: e.environment.name, value: variable.value });
    }
    return shared;
  });
}
