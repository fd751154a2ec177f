// Counts of a campaign (inputs tried, outcomes), appended as JSON lines to STACKC_FUZZ_REPORT when
// `npm run fuzz` sets it, so scripts/fuzz.mjs can print them; a no-op in `npm test`.
import { appendFileSync } from 'node:fs';

export function recordCount(label: string, count: number, detail?: Record<string, number>): void {
  const file = process.env.STACKC_FUZZ_REPORT;
  if (!file) return;
  appendFileSync(file, `${JSON.stringify({ label, count, ...(detail ? { detail } : {}) })}\n`);
}
