// Timing helpers for the benchmark: wall time and peak RSS of a child process, as a median over
// runs, with the baseline (`node -e 0`) measured alternately in the same loop so machine noise
// hits both sides alike.
import { spawnSync } from 'node:child_process';

const TIME = (() => {
  const r = spawnSync('/usr/bin/time', ['-f', '%M %U %S', process.execPath, '-e', '0'], { encoding: 'utf8' });
  return r.status === 0 && /^\d+ [\d.]+ [\d.]+\s*$/.test(r.stderr.trim().split('\n').pop() ?? '') ? '/usr/bin/time' : undefined;
})();

/** Whether peak RSS and CPU time are measured (GNU time is installed). */
export const measuresRss = TIME !== undefined;

/**
 * Runs `node <args>` once; returns wall milliseconds, and peak RSS in MiB and CPU (user + system)
 * milliseconds from GNU time when available (its own start-up, ~1 ms, is inside the wall time of
 * baseline and subject alike). CPU time says what the process itself cost when the machine is
 * busy and wall time is not.
 */
export function runOnce(args, { cwd, env, node = process.execPath } = {}) {
  const cmd = TIME ?? node;
  const argv = TIME ? ['-f', '%M %U %S', node, ...args] : args;
  const start = process.hrtime.bigint();
  const r = spawnSync(cmd, argv, { cwd, env: env ? { ...process.env, ...env } : process.env, encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 256 * 1024 * 1024 });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const lines = r.stderr.trim().split('\n');
  const [rssKb, user, sys] = TIME ? lines.pop().split(' ').map(Number) : [NaN, NaN, NaN];
  return { ms, rssMiB: rssKb / 1024, cpuMs: (user + sys) * 1000, sysMs: sys * 1000, status: r.status, stderr: lines.join('\n') };
}

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/**
 * Measures `node <args>` against the baseline, alternating: baseline, subject, baseline, subject, ...
 * `before` runs (untimed) ahead of every subject run, e.g. to empty an output directory.
 * Returns medians, the ratio of medians and the difference (`ownMs`: what the command costs beyond
 * starting Node). `node` is the Node binary both run on (default: the one running the benchmark);
 * `baselineEnv` is the baseline's extra environment.
 */
export function compare(name, args, { runs = 7, cwd, env, before, baseline = ['-e', '0'], baselineEnv, expectStatus = [0, 1], node } = {}) {
  const base = [];
  const subject = [];
  before?.();
  check(name, runOnce(args, { cwd, env, node }), expectStatus); // warm the file-system cache (and the code cache)
  runOnce(baseline, { cwd, env: baselineEnv, node }); // the same for the baseline (another build's CLI has a code cache too)
  for (let i = 0; i < runs; i++) {
    base.push(runOnce(baseline, { cwd, env: baselineEnv, node }));
    before?.();
    subject.push(check(name, runOnce(args, { cwd, env, node }), expectStatus));
  }
  const baseMs = median(base.map((r) => r.ms));
  const ms = median(subject.map((r) => r.ms));
  return {
    name,
    ms: round(ms),
    minMs: round(Math.min(...subject.map((r) => r.ms))),
    baselineMs: round(baseMs),
    cpuMs: round(median(subject.map((r) => r.cpuMs))),
    sysMs: round(median(subject.map((r) => r.sysMs))),
    baselineCpuMs: round(median(base.map((r) => r.cpuMs))),
    ratio: round(ms / baseMs, 2),
    ownMs: round(ms - baseMs),
    ownCpuMs: round(median(subject.map((r) => r.cpuMs)) - median(base.map((r) => r.cpuMs))),
    peakRssMiB: round(Math.max(...subject.map((r) => r.rssMiB)), 1),
    runs,
  };
}

function check(name, r, expectStatus) {
  if (!expectStatus.includes(r.status)) throw new Error(`${name}: exit ${r.status}\n${r.stderr.slice(0, 2000)}`);
  return r;
}

export const round = (x, digits = 1) => (Number.isFinite(x) ? Number(x.toFixed(digits)) : null);
