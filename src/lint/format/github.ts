// `--format github`: workflow commands, so findings show as annotations on the pull request's
// changed lines (https://docs.github.com/actions/reference/workflow-commands-for-github-actions).
import type { LintResult } from '../engine.js';
import { active, summarize, summaryText } from '../summary.js';

const COMMAND = { error: 'error', warn: 'warning', info: 'notice' } as const;

/** Message data escapes `%`, CR and LF; property values also `:` and `,`. */
const escapeData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

export function formatGithub(result: LintResult): string {
  const lines = active(result.findings).map((f) => {
    const props = [`file=${escapeProperty(f.file)}`, `line=${f.line}`, `col=${f.col}`, `endLine=${f.endLine}`, ...(f.endLine === f.line ? [`endColumn=${f.endCol}`] : []), `title=${escapeProperty(`stackc ${f.ruleId}`)}`];
    const message = [f.message, f.hint && `hint: ${f.hint}`, `docs: ${f.docs}`].filter(Boolean).join('\n');
    return `::${COMMAND[f.severity]} ${props.join(',')}::${escapeData(message)}`;
  });
  lines.push(`stackc lint: ${summaryText(summarize(result.findings))}`);
  return `${lines.join('\n')}\n`;
}
