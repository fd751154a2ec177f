// Names of the secrets the workflows read, derived from text of the stack (a registry host).
// GitHub accepts a secret name of letters, digits and `_` that starts with neither a digit nor
// `GITHUB_` (names are case-insensitive, stored upper-case), and `${{ secrets.NAME }}` parses only
// such a name: https://docs.github.com/en/actions/how-tos/write-workflows/choose-what-workflows-do/use-secrets
// An AWS ECR host starts with the account's digits (`123456789012.dkr.ecr.us-east-1.amazonaws.com`).

/** Whether GitHub accepts `name` as a secret's name. */
export const isSecretName = (name: string): boolean => /^[A-Z_][A-Z0-9_]*$/.test(name) && !name.startsWith('GITHUB_');

/**
 * The prefix of a registry's credential secrets: its host upper-cased, each run of other
 * characters one `_` (`registry.example.com` → `REGISTRY_EXAMPLE_COM`), behind `REGISTRY_` when
 * it would start with a digit or `GITHUB_` (`REGISTRY_123456789012_DKR_ECR_…`).
 */
export function registrySecretPrefix(host: string): string {
  const name = host.toUpperCase().replace(/[^A-Z0-9]+/g, '_').replace(/^_+|_+$/g, '');
  return /^[A-Z]/.test(name) && !name.startsWith('GITHUB_') ? name : `REGISTRY_${name}`;
}
