// `stackc explain <rule>`: a rule's documentation page, offline (the same text as docs/rules/<rule>.md).
import { didYouMean } from '../../diagnostics/suggest.js';
import { RULES, ruleById } from '../../lint/catalog/index.js';
import { ruleMarkdown } from '../../lint/rule-docs.js';
import { EXIT } from '../exit-codes.js';
import { printDiagnostics, type Output } from '../output.js';

export function runExplain(id: string, output: Output): number {
  const rule = ruleById(id);
  if (!rule) {
    printDiagnostics(output, [{ severity: 'error', code: 'usage', message: `there is no lint rule \`${id}\``, hint: didYouMean(id, RULES.map((r) => r.meta.id)) ?? 'run `stackc rules` for the list' }], new Map());
    return EXIT.badInput;
  }
  output.out(ruleMarkdown(rule));
  return EXIT.ok;
}
