// The schema of a released stackc, at a URL that never changes under a stack: the file as tagged
// `v<version>` in the GitHub repository that package.json names (README, Editor support).

export interface PackageJson {
  version: string;
  homepage?: string;
  repository?: string | { url?: string };
}

/** `https://raw.githubusercontent.com/<owner>/<repo>/v<version>/schema/stack.schema.json`, from `repository` (else `homepage`). */
export function publishedSchemaUrl(pkg: PackageJson): string {
  const repository = typeof pkg.repository === 'string' ? pkg.repository : pkg.repository?.url;
  const slug = [repository, pkg.homepage].map(githubSlug).find((s) => s !== undefined);
  if (!slug) throw new Error('package.json names no GitHub repository to publish the schema from');
  return `https://raw.githubusercontent.com/${slug}/v${pkg.version}/schema/stack.schema.json`;
}

/** `owner/repo` of a GitHub URL in any of npm's spellings (`git+https://…/x.git`, `github:owner/repo`, `…#readme`). */
function githubSlug(url: string | undefined): string | undefined {
  if (!url) return undefined;
  const match = /^(?:github:|(?:git\+)?(?:https?|ssh|git):\/\/(?:git@)?github\.com\/|git@github\.com:)([\w.-]+)\/([\w.-]+?)(?:\.git)?(?:[#/?].*)?$/.exec(url);
  return match ? `${match[1]}/${match[2]}` : undefined;
}
