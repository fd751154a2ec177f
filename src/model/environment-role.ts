// What an environment is for: production, development (a laptop, CI, tests) or other (staging,
// previews). Written as `role:` in stack.yaml, else read from the environment's name, here, once:
// lint's production rules, diff's risky changes and every target key off `Environment.role`, never
// off the environment's name or its position in the list.
export type EnvironmentRole = 'production' | 'development' | 'other';

const PRODUCTION = /^prod(uction)?$/i;
const DEVELOPMENT = /^(dev|development|local|test|testing|ci)$/i;

/** The role of an environment that declares none: `production`/`prod`, `development`/`dev`/`local`/`test`/`testing`/`ci`, else `other`. */
export function roleFromName(name: string): EnvironmentRole {
  if (PRODUCTION.test(name)) return 'production';
  if (DEVELOPMENT.test(name)) return 'development';
  return 'other';
}
