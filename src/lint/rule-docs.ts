// A rule's documentation page, generated from its `meta`: docs/rules/<id>.md, `stackc explain <id>`
// and SARIF's `help.markdown` are this one text, so they cannot drift apart.
import { presetLevel } from './config.js';
import type { AnyRule, Scope } from './rule.js';

const READS: Record<Scope, string> = { model: 'stack.yaml', dockerfile: 'the Dockerfiles services build from', repository: 'git-tracked project files', artifacts: 'the files the targets render (in memory)' };

const fence = (code: string): string => {
  const lang = /^\s*(FROM|ARG|#\s*syntax)\b/i.test(code) ? 'dockerfile' : /^\s*[A-Z_]+=/.test(code) ? 'sh' : 'yaml';
  return `\`\`\`${lang}\n${code.replace(/\n+$/, '')}\n\`\`\``;
};

export function ruleMarkdown(rule: AnyRule): string {
  const m = rule.meta;
  const rows: [string, string][] = [
    ['Category', m.category],
    ['Level', `\`${presetLevel(rule, 'recommended')}\` in \`recommended\`, \`${presetLevel(rule, 'strict')}\` in \`strict\``],
    ['Reads', m.scopes.map((s) => (s === 'artifacts' && m.pluginTargetsOnly ? 'the files plugin targets render (in memory; the built-in targets are tested never to emit what it looks for)' : READS[s])).join(', ')],
    ...(m.securitySeverity !== undefined ? [['Security severity', `${m.securitySeverity.toFixed(1)} (GitHub code scanning)`] as [string, string]] : []),
    ['Peers', m.peers.length ? m.peers.join('; ') : '—'],
  ];
  const out = [`# \`${m.id}\``, '', m.description, '', '| | |', '|---|---|', ...rows.map(([k, v]) => `| ${k} | ${v} |`), '', '## Why', '', m.docs.why, '', '## How to fix', '', m.docs.fix];
  if (m.docs.bad) out.push('', '## Reported', '', fence(m.docs.bad));
  if (m.docs.good) out.push('', '## Accepted', '', fence(m.docs.good));
  const options = Object.entries(m.options ?? {});
  if (options.length) {
    out.push('', '## Options', '', '| Option | Type | Default | Description |', '|---|---|---|---|');
    for (const [name, spec] of options) out.push(`| \`${name}\` | ${spec.type} | \`${JSON.stringify(spec.default)}\` | ${spec.description.replace(/\|/g, '\\|')} |`);
    const [first, spec] = options[0]!;
    out.push('', 'Set them in stack.yaml:', '', fence(`lint:\n  rules:\n    ${m.id}: [${presetLevel(rule, 'recommended') === 'off' ? 'warn' : presetLevel(rule, 'recommended')}, { ${first}: ${JSON.stringify(spec.default)} }]`));
  }
  if (m.docs.whenOff) out.push('', '## When to turn it off', '', m.docs.whenOff);
  out.push('', '## Configure or suppress', '', fence(`lint:\n  rules:\n    ${m.id}: off        # or info, warn, error`), '', 'For one place, with the reason on record:', '', fence(`# stackc-disable-next-line ${m.id} -- <why this is fine here>`));
  return `${out.join('\n')}\n`;
}

/** docs/rules/README.md: every rule with its levels. */
export function rulesIndexMarkdown(rules: readonly AnyRule[]): string {
  const out = ['# Lint rules', '', 'Generated from each rule\'s `meta` (`npm run gen`); `stackc rules` prints the same list and `stackc explain <rule>` a page.', '', '| Rule | Category | `recommended` | `strict` | What it wants |', '|---|---|---|---|---|'];
  for (const r of rules) out.push(`| [\`${r.meta.id}\`](${r.meta.id}.md) | ${r.meta.category} | ${presetLevel(r, 'recommended')} | ${presetLevel(r, 'strict')} | ${r.meta.description.replace(/\|/g, '\\|')} |`);
  return `${out.join('\n')}\n`;
}
