// Schedules of other schedulers as stack.yaml's 5-field cron (src/model/cron.ts), exact where they
// can be, else the nearest with the reason:
// - ofelia 0.3 reads 6 fields, seconds first (`0 0 3 * * *`), and 0.4 five or six
//   (https://github.com/mcuadros/ofelia#jobs); `@every <duration>` counts from when ofelia started;
//   `CRON_TZ=`/`TZ=` in front names the time zone (robfig/cron v3);
// - `@daily` and the other shorthands are the 5-field expressions they stand for.
import { cronMacro, parseCron } from '../model/cron.js';

export type ImportedSchedule =
  | { ok: true; cron: string; timezone?: string; /** Why it is not the same schedule, when it is not. */ approximate?: string }
  | { ok: false; why: string };

export function fiveFieldSchedule(text: string): ImportedSchedule {
  let spec = text.trim();
  let timezone: string | undefined;
  const zone = /^(?:CRON_TZ|TZ)=(\S+)\s+(.*)$/.exec(spec);
  if (zone) [, timezone, spec] = zone as unknown as [string, string, string];
  const withZone = (r: Omit<Extract<ImportedSchedule, { ok: true }>, 'ok'>): ImportedSchedule => ({ ok: true, ...r, ...(timezone ? { timezone } : {}) });
  const macro = cronMacro(spec);
  if (macro) return withZone({ cron: macro });
  const every = /^@every\s+(\S+)$/i.exec(spec);
  if (every) {
    const cron = everyAsCron(every[1]!);
    if (!cron) return { ok: false, why: `\`${spec}\` has no 5-field cron equivalent: a cron schedule repeats within each hour or day, on whole minutes` };
    return withZone({ cron, approximate: `\`${spec}\` counts from when the scheduler started; \`${cron}\` runs at the same interval on the clock` });
  }
  if (spec.startsWith('@')) return { ok: false, why: `\`${spec}\` is not a schedule stackc reads` };
  const fields = spec.split(/\s+/);
  if (fields.length === 6) {
    const [seconds, ...rest] = fields;
    const checked = parseCron(rest.join(' '));
    if (!checked.ok) return { ok: false, why: checked.message };
    if (seconds === '0') return withZone({ cron: checked.cron.text });
    return withZone({ cron: checked.cron.text, approximate: `the seconds field \`${seconds}\` of \`${spec}\` is left out: stack.yaml schedules run on whole minutes` });
  }
  const checked = parseCron(spec);
  return checked.ok ? withZone({ cron: checked.cron.text }) : { ok: false, why: checked.message };
}

/** `@every 15m` → `*\/15 * * * *`, `@every 6h` → `0 *\/6 * * *`, when the interval divides an hour or a day. */
function everyAsCron(duration: string): string | undefined {
  const ms = goDuration(duration);
  if (ms === undefined || ms % 60_000 !== 0) return undefined;
  const minutes = ms / 60_000;
  if (minutes === 1) return '* * * * *';
  if (minutes < 60) return 60 % minutes === 0 ? `*/${minutes} * * * *` : undefined;
  if (minutes % 60 !== 0) return undefined;
  const hours = minutes / 60;
  if (hours === 1) return '0 * * * *';
  if (hours === 24) return '0 0 * * *';
  return hours < 24 && 24 % hours === 0 ? `0 */${hours} * * *` : undefined;
}

/** A Go duration (`1h30m`, `90s`) in milliseconds. */
function goDuration(text: string): number | undefined {
  const units: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
  if (!/^(?:[0-9]+(?:ms|s|m|h))+$/.test(text)) return undefined;
  let total = 0;
  for (const m of text.matchAll(/([0-9]+)(ms|s|m|h)/g)) total += Number(m[1]) * units[m[2]!]!;
  return total;
}
