import { describe, expect, it } from 'vitest';
import { parseTemplate, renderTemplate, substitute, templateText } from '../src/model/template.js';

describe('templates', () => {
  it('splits text and references', () => {
    const { template, errors } = parseTemplate('postgres://${resources.db.host}:${resources.db.port}/x');
    expect(errors).toEqual([]);
    expect(template.parts).toEqual([
      'postgres://',
      { root: 'resources', name: 'db', key: 'host', text: '${resources.db.host}' },
      ':',
      { root: 'resources', name: 'db', key: 'port', text: '${resources.db.port}' },
      '/x',
    ]);
  });

  it('reports malformed references with their offset', () => {
    expect(parseTemplate('a ${nope} b').errors).toMatchObject([{ offset: 2, length: 7 }]);
    expect(parseTemplate('a ${resources.db.url').errors).toMatchObject([{ message: 'unterminated `${`', offset: 2 }]);
    expect(parseTemplate('${Resources.db.url}').errors).toHaveLength(1);
  });

  it('keeps $$ escapes and lone dollars as text', () => {
    expect(parseTemplate('$${HOME} costs $5 and $HOME').template.parts).toEqual(['${HOME} costs $5 and $HOME']);
  });

  it('substitutes some references and merges adjacent text', () => {
    const { template } = parseTemplate('https://${environment.domain}/${services.api.port}');
    const t = substitute(template, (r) => (r.root === 'environment' ? 'shop.example' : undefined));
    expect(t.parts).toEqual(['https://shop.example/', { root: 'services', name: 'api', key: 'port', text: '${services.api.port}' }]);
    expect(templateText(t)).toBeUndefined();
    expect(renderTemplate(t, () => '8000')).toBe('https://shop.example/8000');
  });
});
