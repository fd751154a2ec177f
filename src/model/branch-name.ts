// What `environments.<env>.branch` may be: a branch name as `git check-ref-format --branch` takes
// it, so a push can ever match it (https://git-scm.com/docs/git-check-ref-format), except that `*`
// is allowed: the GitHub Actions target writes the branch as a push filter, where `*` matches
// within a path component and `**` across them (`feature/*` deploys every feature branch).
// https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-syntax#filter-pattern-cheat-sheet

/** Why the text cannot name a branch (the end of "`x` is not a valid branch name: …"), or `undefined`. */
export function branchNameProblem(branch: string): string | undefined {
  if (branch === '@') return 'it is `@`, which git reads as HEAD';
  if (branch === 'HEAD') return '`HEAD` is not a branch but what is checked out';
  if (branch.startsWith('-')) return 'it starts with `-`, which git would read as an option';
  if (branch.startsWith('/') || branch.endsWith('/')) return 'it starts or ends with `/`';
  if (branch.includes('//')) return 'it has an empty path component (`//`)';
  if (branch.includes('..')) return 'it contains `..`';
  if (branch.includes('@{')) return 'it contains `@{`, which git reads as a reflog entry';
  // eslint-disable-next-line no-control-regex
  const sign = /[\x00-\x20\x7f~^:?[\\]/.exec(branch)?.[0];
  if (sign !== undefined) return sign === ' ' ? 'it contains a space' : /[\x00-\x1f\x7f]/.test(sign) ? 'it contains a control character' : `it contains \`${sign}\``;
  if (branch.endsWith('.')) return 'it ends with `.`';
  for (const component of branch.split('/')) {
    if (component.startsWith('.')) return `its component \`${component}\` starts with \`.\``;
    if (component.endsWith('.lock')) return `its component \`${component}\` ends with \`.lock\`, the suffix of git's lock files`;
  }
  return undefined;
}

/** The branch as it was probably meant: forbidden signs (with the brackets they open) and spaces as `-`, empty components and stray ends dropped. */
export function nearestBranchName(text: string): string | undefined {
  const components = text
    // eslint-disable-next-line no-control-regex
    .replace(/(@\{|[\x00-\x20\x7f~^:?[\]}\\])+/g, '-')
    .replace(/\.{2,}/g, '.')
    .split('/')
    .map((c) => c.replace(/^[.-]+/, '').replace(/(\.lock)+$/, '').replace(/[.-]+$/, ''))
    .filter((c) => c !== '');
  const branch = components.join('/');
  return branch && !branchNameProblem(branch) ? branch : undefined;
}
