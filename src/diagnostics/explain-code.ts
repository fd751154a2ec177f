// What `stackc explain` says about a diagnostic code that is not a lint rule: validate's and
// build's codes (docs/diagnostics.md) and every code a built-in target declares in its capabilities.
import { BUILTIN_CAPABILITIES } from '../emit/builtin-capabilities.js';
import { REPOSITORY_URL } from '../lint/docs-url.js';
import { DIAGNOSTIC_CODES } from './codes.js';

/** Every code `explain` knows besides the lint rules, for "did you mean". */
export function explainableCodes(): string[] {
  const targetCodes = Object.values(BUILTIN_CAPABILITIES).flatMap((c) => [...c.gaps.map((g) => g.code), ...Object.keys(c.codes)]);
  return [...Object.keys(DIAGNOSTIC_CODES), ...targetCodes];
}

/** The explanation of `code` as Markdown, or `undefined` when no command reports it. */
export function explainCode(code: string): string | undefined {
  const known = DIAGNOSTIC_CODES[code];
  if (known) {
    return `# \`${code}\` (${known.severity})\n\nReported by \`stackc ${known.by}\`${known.by === 'validate' && !known.only ? ' and every command that reads stack.yaml' : ''}: ${known.meaning}.\n\nSee ${REPOSITORY_URL}/blob/main/docs/diagnostics.md\n`;
  }
  for (const [target, capabilities] of Object.entries(BUILTIN_CAPABILITIES)) {
    const gap = capabilities.gaps.find((g) => g.code === code);
    const info = gap ?? capabilities.codes[code];
    if (!info) continue;
    const setting = gap ? `\n\nSetting: \`${gap.setting}\`, ${gap.support} by ${capabilities.title}.` : '';
    const covered = info.coveredBy ? `\n\n\`stackc lint\` reports it as \`${info.coveredBy}\` (\`stackc explain ${info.coveredBy}\`).` : '';
    return `# \`${code}\` (${info.severity})\n\nReported by \`stackc build\` for the ${capabilities.title} target: ${info.summary}.${setting}${covered}\n\nSee ${REPOSITORY_URL}/blob/main/docs/targets/${target}.md\n`;
  }
  return undefined;
}
