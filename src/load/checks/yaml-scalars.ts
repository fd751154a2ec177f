import { isScalar } from 'yaml';
import type { DataPath } from '../../model/stack.js';
import { findNode } from '../parse.js';
import { entries, type DataCheck } from './context.js';

/**
 * Environment values are text, but YAML reads `1.10` as the number 1.1, `0x1F` as 31 and `1e3` as
 * 1000. When the text written and the text stackc would emit differ, say so before a deploy does.
 */
export const checkNumericEnvValues: DataCheck = (ctx) => {
  for (const [name, s] of entries(ctx.data.services)) {
    const blocks: [DataPath, Record<string, unknown> | undefined][] = [
      [['services', name, 'env'], s.env],
      [['services', name, 'build', 'args'], typeof s.build === 'object' ? s.build.args : undefined],
      ...entries(s.environments).map(([env, o]): [DataPath, Record<string, unknown> | undefined] => [['services', name, 'environments', env, 'env'], o.env]),
    ];
    for (const [path, map] of blocks) {
      for (const [key, value] of entries(map)) {
        if (typeof value !== 'number') continue;
        const { node } = findNode(ctx.source.doc, [...path, key]);
        if (!isScalar(node) || !node.range) continue;
        const written = ctx.source.text.slice(node.range[0], node.range[1]).trim();
        if (written !== String(value)) {
          ctx.report({ path: [...path, key], code: 'yaml-number', severity: 'warning', message: `YAML reads \`${written}\` as the number ${String(value)}, so \`${key}\` would be \`${String(value)}\``, hint: `put it in quotes to keep it as written: \`${key}: "${written}"\`` });
        }
      }
    }
  }
};
