// Five-field cron expressions (minute hour day-of-month month day-of-week), the one syntax every
// platform that runs jobs on a schedule reads: Kubernetes CronJob, Railway's cronSchedule, Vercel's
// crons, supercronic, GitHub Actions' `schedule`. Parsed once, so that validate, the targets, lint
// and diff agree on what a schedule means and how often it runs.

export interface Cron {
  /** As written, fields separated by one space. */
  text: string;
  minutes: readonly number[];
  hours: readonly number[];
  daysOfMonth: readonly number[];
  months: readonly number[];
  /** 0 (Sunday) to 6; `7` is read as Sunday. */
  daysOfWeek: readonly number[];
  /** Day of month and day of week both restricted: cron runs on a day either matches. */
  eitherDay: boolean;
}

interface Field {
  name: string;
  min: number;
  max: number;
  names?: readonly string[];
}

const FIELDS: readonly Field[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'] },
  { name: 'day of week', min: 0, max: 7, names: ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] },
];

const MACROS: Record<string, string> = { '@yearly': '0 0 1 1 *', '@annually': '0 0 1 1 *', '@monthly': '0 0 1 * *', '@weekly': '0 0 * * 0', '@daily': '0 0 * * *', '@midnight': '0 0 * * *', '@hourly': '0 * * * *' };

/** The 5-field expression an `@` shorthand (`@daily`) stands for, if it is one. */
export const cronMacro = (text: string): string | undefined => MACROS[text.trim().toLowerCase()];

export type CronResult = { ok: true; cron: Cron } | { ok: false; message: string; hint: string };

export function parseCron(text: string): CronResult {
  const trimmed = text.trim();
  const macro = MACROS[trimmed.toLowerCase()];
  if (macro) return { ok: false, message: `\`${trimmed}\` is not a 5-field cron expression`, hint: `write \`${macro}\`: not every platform reads the @ shorthands` };
  const parts = trimmed.split(/\s+/);
  if (parts.length !== 5) {
    return { ok: false, message: `a schedule has 5 fields (minute hour day-of-month month day-of-week), and \`${trimmed}\` has ${parts.length}`, hint: 'for example `0 3 * * *` (03:00 every day) or `*/15 * * * *` (every 15 minutes)' };
  }
  const values: number[][] = [];
  for (const [i, part] of parts.entries()) {
    const field = FIELDS[i]!;
    const parsed = parseField(part, field);
    if (typeof parsed === 'string') return { ok: false, message: `the ${field.name} field \`${part}\` of \`${trimmed}\` ${parsed}`, hint: `the ${field.name} is ${field.min}-${field.max}${field.names ? ` or ${field.names[0]}-${field.names.at(-1)}` : ''}: a number, \`*\`, a range \`a-b\`, a list \`a,b\` or a step \`*/n\`` };
    values.push(parsed);
  }
  const [minutes, hours, daysOfMonth, months, weekdays] = values as [number[], number[], number[], number[], number[]];
  const daysOfWeek = [...new Set(weekdays.map((d) => d % 7))].sort((a, b) => a - b);
  // As cron reads it: a field starting with `*` (`*`, `*/2`) does not restrict the day.
  const restricted = (i: number) => !parts[i]!.startsWith('*');
  return { ok: true, cron: { text: parts.join(' '), minutes, hours, daysOfMonth, months, daysOfWeek, eitherDay: restricted(2) && restricted(4) } };
}

/** The field's values, sorted, or why it is not valid. */
function parseField(text: string, field: Field): number[] | string {
  const out = new Set<number>();
  for (const item of text.split(',')) {
    const m = /^(\*|[0-9a-z]+)(?:-([0-9a-z]+))?(?:\/([0-9]+))?$/i.exec(item);
    if (!m) return 'is not a number, `*`, a range, a list or a step';
    const [, from, to, step] = m;
    const start = from === '*' ? field.min : valueOf(from!, field);
    if (start === undefined) return `has \`${from}\`, which is not a ${field.name}`;
    const end = from === '*' ? field.max : to !== undefined ? valueOf(to, field) : step !== undefined ? field.max : start;
    if (end === undefined) return `has \`${to}\`, which is not a ${field.name}`;
    if (from === '*' && to !== undefined) return 'has a range starting at `*`';
    if (start < field.min || end > field.max) return `goes outside ${field.min}-${field.max}`;
    if (start > end) return `has the range \`${item}\`, which ends before it starts`;
    const by = step === undefined ? 1 : Number(step);
    if (by < 1) return 'has a step of 0';
    for (let v = start; v <= end; v += by) out.add(v);
  }
  return [...out].sort((a, b) => a - b);
}

function valueOf(text: string, field: Field): number | undefined {
  if (/^[0-9]+$/.test(text)) return Number(text);
  const i = field.names?.indexOf(text.toLowerCase()) ?? -1;
  return i < 0 ? undefined : field.min === 0 ? i : i + 1;
}

/** Minutes of the day it runs at, on a day it runs. */
const timesOfDay = (cron: Cron): number[] => cron.hours.flatMap((h) => cron.minutes.map((m) => h * 60 + m));

/**
 * The shortest time between two runs, in minutes, counting the wrap from a day's last run to the
 * next day's first as if it ran the next day (so never longer than a day): what a platform's
 * minimum interval is held to.
 */
export function shortestIntervalMinutes(cron: Cron): number {
  const times = timesOfDay(cron);
  let shortest = 1440 - times.at(-1)! + times[0]!;
  for (let i = 1; i < times.length; i++) shortest = Math.min(shortest, times[i]! - times[i - 1]!);
  return shortest;
}

/** Whether the schedule runs on a day (UTC calendar arithmetic; time zones do not change the count). */
function runsOn(cron: Cron, date: Date): boolean {
  if (!cron.months.includes(date.getUTCMonth() + 1)) return false;
  const dom = cron.daysOfMonth.includes(date.getUTCDate());
  const dow = cron.daysOfWeek.includes(date.getUTCDay());
  if (cron.eitherDay) return dom || dow;
  return dom && dow;
}

/**
 * How many times it runs in four years (2027 to 2030: one leap year), a measure that orders
 * schedules by how often they run: diff's "job now runs more often".
 */
export function runsInFourYears(cron: Cron): number {
  const perDay = timesOfDay(cron).length;
  let days = 0;
  for (let t = Date.UTC(2027, 0, 1); t < Date.UTC(2031, 0, 1); t += 86_400_000) if (runsOn(cron, new Date(t))) days++;
  return days * perDay;
}
