// The actions and tools the workflows use, each pinned to its current major version (checked
// against the actions' own repositories when stackc was released; Dependabot or Renovate keep
// them current after that). One table, so a version bump is one line here and a golden-file diff.

export const ACTIONS = {
  checkout: 'actions/checkout@v7',
  setupNode: 'actions/setup-node@v7',
  setupPython: 'actions/setup-python@v7',
  setupGo: 'actions/setup-go@v7',
  setupJava: 'actions/setup-java@v5',
  setupRuby: 'ruby/setup-ruby@v1',
  setupBun: 'oven-sh/setup-bun@v2',
  setupBuildx: 'docker/setup-buildx-action@v4',
  login: 'docker/login-action@v4',
  metadata: 'docker/metadata-action@v6',
  buildPush: 'docker/build-push-action@v7',
  setupFlyctl: 'superfly/flyctl-actions/setup-flyctl@v1',
  configureAwsCredentials: 'aws-actions/configure-aws-credentials@v6',
  googleAuth: 'google-github-actions/auth@v3',
} as const;

/** CLIs installed with npm in deploy jobs, pinned to a major version. */
export const CLIS = {
  vercel: 'vercel@58',
  railway: '@railway/cli@5',
} as const;

/** The Node.js that runs stackc and the platform CLIs (an active LTS line). */
export const TOOLS_NODE = '24';

export const RUNNER = 'ubuntu-latest';
