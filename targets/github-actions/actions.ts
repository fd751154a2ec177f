// The actions and tools the workflows use. Every action is pinned to a full commit SHA, not a tag:
// a tag can be moved to other code, a commit cannot, and the deploy jobs that run these actions
// hold deploy tokens (docs.github.com/en/actions/security-for-github-actions/security-guides/
// security-hardening-for-github-actions#using-third-party-actions). One table: per action its
// repository, the release tag read (the newest of the major version stackc uses), the commit that
// tag points to (an annotated tag peeled: `git rev-parse '<tag>^{commit}'`) and the day it was
// read. The workflows write `uses: <repository>@<commit> # <tag>`, the form Dependabot and Renovate
// update. docs/targets/github-actions.md has the commands that refresh a row.

export interface PinnedAction {
  /** owner/name of the repository the commit is in. */
  repository: string;
  /** The action's folder in the repository, for one not at its root. */
  path?: string;
  /** The release tag read: the newest of the major version in use. */
  tag: string;
  /** The commit the tag points to: 40 lowercase hex digits. */
  commit: string;
  /** The day the tag was read from the repository (YYYY-MM-DD). */
  read: string;
}

export const PINNED_ACTIONS = {
  checkout: { repository: 'actions/checkout', tag: 'v7.0.1', commit: '3d3c42e5aac5ba805825da76410c181273ba90b1', read: '2026-12-03' },
  setupNode: { repository: 'actions/setup-node', tag: 'v7.0.0', commit: '820762786026740c76f36085b0efc47a31fe5020', read: '2026-12-03' },
  setupPython: { repository: 'actions/setup-python', tag: 'v7.0.0', commit: '5fda3b95a4ea91299a34e894583c3862153e4b97', read: '2026-12-03' },
  setupGo: { repository: 'actions/setup-go', tag: 'v7.0.0', commit: 'b7ad1dad31e06c5925ef5d2fc7ad053ef454303e', read: '2026-12-03' },
  setupJava: { repository: 'actions/setup-java', tag: 'v5.7.0', commit: 'b6effb05e454b25005698d916606bdc6ffcbf961', read: '2026-12-03' },
  setupRuby: { repository: 'ruby/setup-ruby', tag: 'v1.315.0', commit: '0dafeac902942906541bc140009cdbf32665b601', read: '2026-12-03' },
  setupBun: { repository: 'oven-sh/setup-bun', tag: 'v2.2.0', commit: '0c5077e51419868618aeaa5fe8019c62421857d6', read: '2026-12-03' },
  setupQemu: { repository: 'docker/setup-qemu-action', tag: 'v4.2.0', commit: '96fe6ef7f33517b61c61be40b68a1882f3264fb8', read: '2026-12-03' },
  setupBuildx: { repository: 'docker/setup-buildx-action', tag: 'v4.3.0', commit: '37fe631027851001ddb9b187196cc803df7f5f0e', read: '2026-12-03' },
  login: { repository: 'docker/login-action', tag: 'v4.1.0', commit: '4907a6ddec9925e35a0a9e82d7399ccc52663121', read: '2026-12-03' },
  metadata: { repository: 'docker/metadata-action', tag: 'v6.2.0', commit: 'dc802804100637a589fabce1cb79ff13a1411302', read: '2026-12-03' },
  buildPush: { repository: 'docker/build-push-action', tag: 'v7.3.0', commit: '53b7df96c91f9c12dcc8a07bcb9ccacbed38856a', read: '2026-12-03' },
  // superfly/flyctl-actions tags its releases without a `v` (`1.6`); its `v1` is the same commit.
  setupFlyctl: { repository: 'superfly/flyctl-actions', path: 'setup-flyctl', tag: '1.6', commit: 'ed8efb33836e8b2096c7fd3ba1c8afe303ebbff1', read: '2026-12-03' },
  configureAwsCredentials: { repository: 'aws-actions/configure-aws-credentials', tag: 'v6.2.3', commit: 'e6de054238d6b7531b4efff3b6587d9aade6a06c', read: '2026-12-03' },
  googleAuth: { repository: 'google-github-actions/auth', tag: 'v3.0.0', commit: '7c6bc770dae815cd3e89ee6cdf493a5fab2cc093', read: '2026-12-03' },
  // Used by action.yml (the repository's own action), not by the generated workflows.
  uploadSarif: { repository: 'github/codeql-action', path: 'upload-sarif', tag: 'v4.36.2', commit: '8aad20d150bbac5944a9f9d289da16a4b0d87c1e', read: '2026-12-03' },
} as const satisfies Record<string, PinnedAction>;

/** The `uses:` value of a pinned action: `<repository>[/<path>]@<commit>`. */
export const usesOf = (action: PinnedAction): string => `${action.repository}${action.path ? `/${action.path}` : ''}@${action.commit}`;

/** The `uses:` value of each action (its tag goes in the comment renderWorkflow writes after it). */
export const ACTIONS = Object.fromEntries(Object.entries(PINNED_ACTIONS).map(([key, action]) => [key, usesOf(action)])) as { readonly [K in keyof typeof PINNED_ACTIONS]: string };

const TAGS = new Map<string, string>(Object.values(PINNED_ACTIONS).map((action) => [usesOf(action), action.tag]));

/** The release tag of a `uses:` value from the table, for the comment after it. */
export const pinnedTag = (uses: string): string | undefined => TAGS.get(uses);

/** CLIs installed with npm in deploy jobs, pinned to a major version. */
export const CLIS = {
  vercel: 'vercel@58',
  railway: '@railway/cli@5',
} as const;

/** The Node.js that runs stackc and the platform CLIs (an active LTS line). */
export const TOOLS_NODE = '24';

export const RUNNER = 'ubuntu-latest';
