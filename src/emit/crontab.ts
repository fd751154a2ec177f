// The crontab stackc writes for supercronic (https://github.com/aptible/supercronic), wherever a
// target runs scheduled jobs with it (Compose's scheduler service, Fly's `cron` process group): one
// format, one place it is read from, one time zone line, one way to bound a run. Light: the
// targets' capabilities import it.
import type { DeployedJob } from '../deploy/model.js';
import { seconds, shellJoin } from './text.js';

/** Where supercronic reads the crontab in the container or Machine that runs it. */
export const CRONTAB_PATH = '/etc/supercronic/crontab';

export interface CrontabEntry {
  /** What the job does, after its name in the comment above its line. */
  description?: string;
  job: DeployedJob;
  /** The command line as the shell supercronic starts reads it. */
  command: string;
}

/**
 * A crontab: the header comment, `CRON_TZ` (UTC when no job gives a zone, whatever the image's TZ
 * says: https://github.com/aptible/supercronic#timezone) and each job's line. The caller holds
 * every job of one crontab to one time zone.
 */
export function crontabText(header: string, entries: readonly CrontabEntry[]): string {
  const lines = [`# ${header}`, `CRON_TZ=${entries[0]?.job.schedule?.timezone ?? 'UTC'}`];
  for (const { description, job, command } of entries) {
    // The job's name above its line: what `stackc diff` tells the lines apart by (crontabSchedules).
    lines.push(`# ${job.name}${description ? `: ${description}` : ''}`);
    lines.push(`${job.schedule!.cron.text} ${boundedCommand(job, command)}`);
  }
  return `${lines.join('\n')}\n`;
}

/** The schedule of each job of a crontab crontabText wrote, by job name (the comment above its line). */
export function crontabSchedules(text: string): Map<string, string> {
  const found = new Map<string, string>();
  let name: string | undefined;
  for (const line of text.split('\n')) {
    const comment = /^# ([a-z0-9][a-z0-9-]*)(?::|$)/.exec(line);
    if (comment) name = comment[1];
    else if (name && /^\S+ \S+ \S+ \S+ \S+ /.test(line)) {
      found.set(name, line.split(' ').slice(0, 5).join(' '));
      name = undefined;
    }
  }
  return found;
}

/** supercronic never stops a run: a job's `timeout` runs its command under `timeout` (coreutils or BusyBox). */
const boundedCommand = (job: DeployedJob, command: string): string => (job.timeout ? `${shellJoin(['timeout', String(seconds(job.timeout.ms))])} ${command}` : command);
