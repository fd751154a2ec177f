// `stackc rules`: every lint rule with its level in each preset.
import { RULES } from '../../lint/catalog/index.js';
import { presetLevel } from '../../lint/config.js';
import type { Output } from '../output.js';

export function runRules(opts: { format?: 'text' | 'json' }, output: Output): number {
  if (opts.format === 'json') {
    const rules = RULES.map((r) => ({ id: r.meta.id, category: r.meta.category, recommended: presetLevel(r, 'recommended'), strict: presetLevel(r, 'strict'), description: r.meta.description, peers: r.meta.peers, options: r.meta.options ?? {} }));
    output.out(JSON.stringify(rules, null, 2));
    return 0;
  }
  const width = Math.max(...RULES.map((r) => r.meta.id.length));
  const p = output.palette;
  const level = (l: string) => (l === 'error' ? p.error(l.padEnd(5)) : l === 'warn' ? p.warning(l.padEnd(5)) : l === 'info' ? p.info(l.padEnd(5)) : p.dim(l.padEnd(5)));
  const lines = [p.dim(`${'rule'.padEnd(width)}  ${'recommended'}  ${'strict'}  what it wants`)];
  let category = '';
  for (const r of RULES) {
    if (r.meta.category !== category) {
      category = r.meta.category;
      lines.push('', p.bold(category));
    }
    lines.push(`${r.meta.id.padEnd(width)}  ${level(presetLevel(r, 'recommended'))}${' '.repeat(8)}${level(presetLevel(r, 'strict'))}   ${r.meta.description}`);
  }
  lines.push('', p.dim('`stackc explain <rule>` for why, how to fix and options; set levels in stack.yaml under `lint.rules`.'));
  output.out(lines.join('\n'));
  return 0;
}
