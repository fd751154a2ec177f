// Timing helpers for the benchmark: wall time and peak RSS of a child process, as a median over
// runs, with the baseline (`node -e 0`) measured alternately in the same loop so machine noise
// hits both sides alike.
import { spawnSync } from 'node:child_process';

/** Runs `node <args>` once; returns wall milliseconds and peak RSS in MiB (from GNU time when available). */
export function runOnce(args, { cwd } = {}) {
  const useTime = TIME !== undefined;
  const cmd = useTime ? TIME : process.execPath;
  const argv = useTime ? ['-f', '%M', process.execPath, ...args] : args;
  const start = process.hrtime.bigint();
  const r = spawnSync(cmd, argv, { cwd, encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const rssKb = useTime ? Number(r.stderr.trim().split('\n').pop()) : NaN;
  return { ms, rssMiB: rssKb / 1024, status: r.status };
}

const TIME = (() => {
  const r = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, '-e', '0'], { encoding: 'utf8' });
  return r.status === 0 && /^\d+\s*$/.test(r.stderr.trim().split('\n').pop() ?? '') ? '/usr/bin/time' : undefined;
})();

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/**
 * Measures `args` against the baseline, alternating: baseline, subject, baseline, subject, ...
 * Returns medians and the ratio of medians.
 */
export function compare(name, args, { runs = 7, cwd, baseline = ['-e', '0'], expectStatus = [0, 1] } = {}) {
  const base = [];
  const subject = [];
  runOnce(args, { cwd }); // warm the file-system cache
  for (let i = 0; i < runs; i++) {
    base.push(runOnce(baseline, { cwd }));
    const r = runOnce(args, { cwd });
    if (!expectStatus.includes(r.status)) throw new Error(`${name}: exit ${r.status}`);
    subject.push(r);
  }
  const baseMs = median(base.map((r) => r.ms));
  const ms = median(subject.map((r) => r.ms));
  return { name, ms: round(ms), baselineMs: round(baseMs), ratio: round(ms / baseMs, 2), peakRssMiB: round(Math.max(...subject.map((r) => r.rssMiB)), 1), runs };
}

export const round = (x, digits = 1) => (Number.isFinite(x) ? Number(x.toFixed(digits)) : null);
