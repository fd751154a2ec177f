import { defineRule } from '../rule.js';

export default defineRule({
  meta: {
    id: 'job-concurrency',
    description: 'Scheduled jobs say what happens when a run is due while the last one still runs: `concurrency: allow`, `forbid` or `replace`.',
    category: 'reliability',
    severity: 'warn',
    scopes: ['model'],
    docs: {
      why: 'A run that takes longer than the interval overlaps the next. Kubernetes\' default, `Allow`, starts the next run beside it: two reports sent, two cleanups deleting the same rows, and a slow job piling up pods until the cluster is full. Railway skips the next run instead. Saying which is meant makes every platform do the same, or say it cannot.',
      fix: 'Add `concurrency: forbid` (skip a run while the last one runs: right for most jobs), `replace` (stop the old run: for jobs where only the newest matters) or `allow` (the runs are independent).',
      bad: 'jobs:\n  cleanup:\n    from: api\n    command: [python, -m, app.cleanup]\n    schedule: "*/10 * * * *"',
      good: 'jobs:\n  cleanup:\n    from: api\n    command: [python, -m, app.cleanup]\n    schedule: "*/10 * * * *"\n    concurrency: forbid',
      whenOff: 'When every scheduled job is idempotent and short enough never to overlap. HTTP jobs (`http:`) are not asked: Vercel\'s crons, which send them, have no policy to choose.',
    },
    peers: [],
  },
  job(ctx, { job }) {
    // Vercel's crons neither skip nor stop an overlapping request: there is nothing to choose.
    if (!job.schedule || job.concurrency || job.http) return;
    ctx.report({
      message: `scheduled job \`${job.name}\` has no \`concurrency\` policy: on Kubernetes a run that outlasts the interval overlaps the next`,
      at: { path: job.schedule.path, key: true },
      hint: 'add `concurrency: forbid` (skip a run while the last one runs), `replace` or `allow`',
    });
  },
});
