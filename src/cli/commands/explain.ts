// `stackc explain <rule or code>`: a rule's documentation page, offline (the same text as
// docs/rules/<rule>.md), or what a validate or build diagnostic code means.
import { didYouMean } from '../../diagnostics/suggest.js';
import { explainableCodes, explainCode } from '../../diagnostics/explain-code.js';
import { RULES, ruleById } from '../../lint/catalog/index.js';
import { ruleMarkdown } from '../../lint/rule-docs.js';
import { EXIT } from '../exit-codes.js';
import { printDiagnostics, type Output } from '../output.js';

export function runExplain(id: string, output: Output): number {
  const rule = ruleById(id);
  if (rule) {
    output.out(ruleMarkdown(rule));
    return EXIT.ok;
  }
  const code = explainCode(id);
  if (code) {
    output.out(code);
    return EXIT.ok;
  }
  const known = [...RULES.map((r) => r.meta.id), ...explainableCodes()];
  const hint = didYouMean(id, known) ?? 'run `stackc rules` for the lint rules; docs/diagnostics.md lists the codes of validate and build';
  printDiagnostics(output, [{ severity: 'error', code: 'usage', message: `there is no lint rule or diagnostic code \`${id}\``, hint }], new Map());
  return EXIT.badInput;
}
