import { defineRule } from '../rule.js';

export default defineRule({
  meta: {
    id: 'job-timeout',
    description: 'Jobs have a `timeout`: a run that hangs is stopped and counted as failed.',
    category: 'reliability',
    severity: 'warn',
    scopes: ['model'],
    docs: {
      why: 'A job without a timeout that hangs (a lock, a network call without one) runs until someone notices: on Kubernetes its pod holds its resources for ever and, with `concurrency: forbid`, every later run is skipped; a post-deploy job holds the deploy. A timeout turns the hang into a failed run that alerts and retries.',
      fix: 'Add `timeout:` with a generous bound of how long a run takes (`30m` for a nightly report). Kubernetes writes it as `activeDeadlineSeconds`; the deploy workflow waits that long for a post-deploy job.',
      bad: 'jobs:\n  nightly-report:\n    from: api\n    command: [python, -m, app.report]\n    schedule: "0 3 * * *"',
      good: 'jobs:\n  nightly-report:\n    from: api\n    command: [python, -m, app.report]\n    schedule: "0 3 * * *"\n    timeout: 30m',
      whenOff: 'When every job is bounded by the program itself (its own deadline), or the platforms you deploy to stop no run anyway (Railway, Compose). HTTP jobs (`http:`) are not asked: the function\'s duration limit bounds the request.',
    },
    peers: [],
  },
  job(ctx, { job }) {
    // A request is bounded by the function's duration limit on the platform that sends it.
    if (job.timeout || job.http) return;
    ctx.report({
      message: `job \`${job.name}\` has no \`timeout\`: a run that hangs is never stopped`,
      at: { path: job.path, key: true },
      hint: 'add `timeout:` with a bound of how long a run may take, e.g. `timeout: 30m`',
    });
  },
});
