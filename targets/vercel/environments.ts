// Which Vercel environment each stack environment deploys to, decided by the environment's role
// (`role:` in stack.yaml, else from its name), never by its position in the list: the `production`
// option, else the one production-role environment, is Production; a development-role environment
// without a branch is Development (`vercel dev`, `vercel env pull`); every other is Preview, scoped
// to its branch. The emitter, the setup page, `place` and the capability gaps all read this.
import type { Problem } from '../../src/diagnostics/problem.js';
import type { DeployedEnvironment } from '../../src/deploy/model.js';
import type { VercelOptions } from './options.js';

export type VercelTarget = 'production' | 'preview' | 'development';

export interface VercelEnvironment {
  target: VercelTarget;
  /** For a preview environment with `branch`: the Git branch its variables and domain belong to. */
  gitBranch?: string;
  /**
   * For a preview environment whose `branch` is the Production environment's: Vercel refuses a
   * Preview variable or domain scoped to the Production Branch, so its variables are for every
   * Preview branch instead (`gitBranch` is then unset).
   */
  productionBranch?: string;
}

/** How Vercel names its environments. */
export const VERCEL_TITLES: Readonly<Record<VercelTarget, string>> = { production: 'Production', preview: 'Preview', development: 'Development' };

export interface EnvironmentMapping {
  /** The stack environment that is Vercel's Production, if one is. */
  production: string | undefined;
  /** The Vercel environment a served stack environment deploys to. */
  of(environment: DeployedEnvironment): VercelEnvironment;
  /** What is wrong with the mapping (the emitter reports them; `place` has no use for them). */
  problems: Problem[];
}

/** A branch Vercel can scope variables to: a plain name, not a pattern. */
export const plainBranch = (branch: string | undefined): string | undefined => (branch && !/[*?[\]!]/.test(branch) ? branch : undefined);

/** @param served the environments the target deploys, in stack order */
export function mapEnvironments(served: readonly DeployedEnvironment[], options: Pick<VercelOptions, 'production' | 'path'>): EnvironmentMapping {
  const problems: Problem[] = [];
  const names = served.map((e) => e.name);
  let production: string | undefined;
  if (options.production !== undefined) {
    if (names.includes(options.production)) production = options.production;
    else {
      problems.push({
        severity: 'error',
        code: 'vercel/production',
        message: `\`targets.vercel.production\` names \`${options.production}\`, which is not an environment the vercel target serves`,
        path: [...options.path, 'production'],
        hint: `one of: ${names.join(', ')}`,
      });
    }
  } else {
    const candidates = served.filter((e) => e.role === 'production');
    if (candidates.length === 1) production = candidates[0]!.name;
    else if (candidates.length > 1) {
      // At the second production environment's `role:` (its name when the role comes from the
      // name): the line that made the choice ambiguous.
      problems.push({
        severity: 'error',
        code: 'vercel/production',
        message: `${candidates.map((e) => `\`${e.name}\``).join(' and ')} both have the role \`production\`, but a Vercel project has one Production environment: which one is it?`,
        path: [...candidates[1]!.environment.path, 'role'],
        hint: 'name it with `targets.vercel.production`, or give the others another `role:` (e.g. `role: other`)',
      });
    } else if (served.length > 0) {
      problems.push({
        severity: 'warning',
        code: 'vercel/no-production',
        message: `no environment the vercel target serves (${names.map((n) => `\`${n}\``).join(', ')}) has the role \`production\`, so nothing deploys to Vercel's Production environment`,
        path: options.path,
        hint: 'give the environment that serves your users `role: production`, or name it with `targets.vercel.production`',
      });
    }
  }
  // Vercel's Production Branch, as far as stack.yaml says: the Production environment's branch.
  const productionBranch = plainBranch(served.find((e) => e.name === production)?.environment.branch);
  const of = (environment: DeployedEnvironment): VercelEnvironment => {
    if (environment.name === production) return { target: 'production' };
    const branch = environment.environment.branch;
    if (environment.role === 'development' && branch === undefined) return { target: 'development' };
    const gitBranch = plainBranch(branch);
    if (gitBranch !== undefined && gitBranch === productionBranch) return { target: 'preview', productionBranch };
    return gitBranch ? { target: 'preview', gitBranch } : { target: 'preview' };
  };
  for (const environment of served) {
    const mapped = of(environment);
    if (mapped.productionBranch === undefined) continue;
    problems.push({
      severity: 'warning',
      code: 'vercel/preview-on-production-branch',
      message: `\`${environment.name}\` is a Vercel Preview on branch \`${mapped.productionBranch}\`, which is \`${production}\`'s, Vercel's Production Branch; Vercel refuses Preview variables and domains scoped to the Production Branch, so \`${environment.name}\`'s variables are set for all Preview branches (every branch without a value of its own)`,
      path: [...environment.environment.path, 'branch'],
      hint: `give \`${environment.name}\` a branch of its own (e.g. \`branch: develop\`), or keep it and let every preview deployment share its values`,
    });
  }
  return { production, problems, of };
}

/** `Production`, `Preview, branch \`develop\``. */
export const describeVercelEnvironment = (v: VercelEnvironment): string =>
  v.gitBranch ? `${VERCEL_TITLES[v.target]}, branch \`${v.gitBranch}\`` : v.productionBranch ? `${VERCEL_TITLES[v.target]}, all branches (\`${v.productionBranch}\` is the Production Branch)` : VERCEL_TITLES[v.target];

/**
 * Which of a site's environments its one vercel.json is written from (it serves every deployment of
 * the project): the Production one, else the last the site is deployed in.
 */
export const configEnvironment = <T extends { environment: string }>(deployments: readonly T[], mapping: Pick<EnvironmentMapping, 'production'>): T | undefined =>
  deployments.find((d) => d.environment === mapping.production) ?? deployments.at(-1);
