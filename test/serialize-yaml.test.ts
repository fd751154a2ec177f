// The YAML writer's fast path (src/emit/serialize/yaml.ts) must write exactly what the `yaml`
// library writes: every generated file's bytes depend on it. Compared on generated data full of
// the strings YAML 1.1 treats specially, multi-line strings (block scalars at every depth) and
// empty collections, and on what the fast path must leave to the library.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Document, parse, Scalar } from 'yaml';
import { fastYaml, libraryYaml, toYaml } from '../src/emit/serialize/yaml.js';
import { commentedYaml, withComments, type KeyComment } from '../targets/compose/comments.js';

const RUNS = Number(process.env.STACKC_PROPERTY_RUNS ?? 120) * 5;

// Strings a YAML 1.1 reader resolves to something else, or that need quoting or block style.
const tricky = fc.constantFrom(
  'yes', 'No', 'on', 'OFF', 'y', 'n', '~', 'null', 'true', '0777', '0x1F', '1_000', '22:22', '1:20:30', '2001-12-14', '.inf', '-.Inf', '.nan', '1e3', '+1',
  '', ' ', '  lead', 'trail ', '#x', 'a #b', 'a: b', 'a:b', '- x', '-', '?', '? x', '[x]', '{x}', '*a', '&a', '!t', '%x', '@x', '`x', '|', '>', '"q"', "'q'",
  'a\nb', 'a\nb\n', 'a\n\nb\n\n', ' lead\nx', 'x \ny', 'x\t\ny', '\n', '\nx', 'x\r\ny', 'tab\there', 'ünïcode', 'emoji 🚀', '\u0007bell', 'a\u2028b', '<<', '...', '---', '... x', '--- x', '-0',
  'http://svc-1:8080', 'redis://db:6379/0', 'a:', 'a::', 'a:/', 'u@h', 'k=v', 'a: b', 'a:#', 'Y', 'NO', 'False', 'Null', 'TRUE', 'off', 'On', 'yess', 'nope', 'a.b', 'a/b', 'a_b', 'a-', 'x1', 'e3', 'E', 'inf', 'nan', 'Infinity', 'NaN.x', 'v1.2.3', 'ghcr.io/x/y', 'a..b',
  'https://x.example/a?b=c#d', '${VAR}', 'key=value', 'a,b', '1.10', '010', '-1', '0', 'NaN',
);
const text = fc.oneof(
  tricky,
  fc.string({ maxLength: 12 }),
  fc.string({ unit: fc.constantFrom('a', ' ', '\n', ':', '#', '-', '"', "'", '1', '.', '\t'), maxLength: 10 }),
  // Words the fast path answers itself: letters first, then letters, digits and `_ . / @ = : -`.
  fc.string({ unit: fc.constantFrom('y', 'Y', 'e', 'E', 'n', 'o', 'N', 'O', 'f', 'l', 'u', 't', 'r', 's', 'x', 'b', 'i', 'a', '0', '1', '9', '_', '.', '/', '-', '+', ':', '@', '=', ' ', '#', ','), minLength: 1, maxLength: 7 }),
);
const scalar = fc.oneof(text, fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.constant(undefined));
const key = fc.oneof(text, fc.constantFrom('apiVersion', 'kind', 'metadata', 'name', '1', '10', '0'));
const { data } = fc.letrec((tie) => ({
  data: fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalar, tie('map'), tie('list')),
  map: fc.dictionary(key, tie('data'), { maxKeys: 5 }),
  list: fc.array(tie('data'), { maxLength: 4 }),
}));
const collection = fc.oneof(fc.dictionary(key, data, { maxKeys: 6 }), fc.array(data, { maxLength: 5 }));

describe('YAML writer fast path', () => {
  it('writes what the yaml library writes, byte for byte', () => {
    fc.assert(
      fc.property(collection, (value) => {
        expect(toYaml(value)).toBe(libraryYaml(value));
      }),
      { numRuns: RUNS },
    );
  });

  it('handles generated-file shapes itself (it is not silently falling back)', () => {
    const manifest = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'api', labels: { 'app.kubernetes.io/name': 'api' }, annotations: {} },
      spec: { replicas: 2, template: { spec: { containers: [{ name: 'api', args: ['--port', '8000', 'yes'], env: [{ name: 'A', value: 'on' }], command: [] }], volumes: [{ name: 'tmp', emptyDir: {} }] } } },
      data: { script: 'set -e\necho "hi"\n', 'x-y': undefined },
    };
    expect(fastYaml(manifest)).toBe(libraryYaml(manifest));
    expect(fastYaml([[1, [2]], [], {}])).toBe(libraryYaml([[1, [2]], [], {}]));
  });

  it('leaves what it does not handle to the library', () => {
    const withComment = new Document({ a: 1 }).contents;
    expect(fastYaml(withComment)).toBeUndefined();
    expect(fastYaml({ when: new Date(0) })).toBeUndefined();
    expect(fastYaml({ m: new Map([['b', 1]]) })).toBeUndefined();
    expect(fastYaml('top-level scalar')).toBeUndefined();
    for (const value of [{ when: new Date(0) }, { m: new Map([['b', 1], ['a', 2]]) }, { '<<': { a: 1 } }, { ['k'.repeat(1100)]: 1 }]) {
      expect(toYaml(value)).toBe(libraryYaml(value));
    }
  });
});

describe('YAML writer fast path with a comment after a value (a workflow\'s pinned `uses:`)', () => {
  const commented = (value: unknown, comment: string): Scalar => Object.assign(new Scalar(value), { comment });

  it('writes `value # comment` as the library does, and leaves other commented scalars to it', () => {
    fc.assert(
      fc.property(text, fc.oneof(text, text.map((t) => ` ${t}`)), (value, comment) => {
        const data = { steps: [{ name: 'x', uses: commented(value, comment), with: { a: 1 } }] };
        expect(toYaml(data)).toBe(libraryYaml(data));
      }),
      { numRuns: RUNS },
    );
    const pinned = { uses: commented('actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1', ' v7.0.1') };
    expect(fastYaml(pinned)).toBe('uses: actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1 # v7.0.1\n');
    expect(fastYaml({ uses: commented('yes', ' x') })).toBeUndefined();
    expect(fastYaml({ uses: commented('a', ' x\ny') })).toBeUndefined();
  });
});

describe('YAML writer fast path with key comments (the compose file)', () => {
  const commentLine = fc.oneof(fc.constantFrom('', ' ', 'note', 'a: b', '# hash', '  indented', 'trailing  '), fc.string({ maxLength: 15 }));
  const name = fc.constantFrom('api', 'db', 'worker', '1db', 'yes', 'web-1');

  it('writes what withComments + the yaml library write, byte for byte', () => {
    const shape = fc.record({
      services: fc.dictionary(name, fc.dictionary(fc.constantFrom('image', 'ports', 'environment', 'healthcheck', 'depends_on'), data, { maxKeys: 4 }), { minKeys: 1, maxKeys: 4 }),
      volumes: fc.option(fc.dictionary(name, fc.constant({}), { maxKeys: 3 }), { nil: undefined }),
    });
    fc.assert(
      fc.property(shape, fc.array(commentLine, { maxLength: 3 }), fc.array(commentLine, { maxLength: 2 }), fc.boolean(), (value, serviceLines, keyLines, asMaps) => {
        const names = Object.keys(value.services);
        const first = names[0]!;
        const firstKey = Object.keys(value.services[first]!).find((k) => value.services[first]![k] !== undefined);
        const document = asMaps ? { name: 'shop', services: new Map(Object.entries(value.services)), ...(value.volumes ? { volumes: new Map(Object.entries(value.volumes)) } : {}) } : { name: 'shop', ...value };
        const comments: KeyComment[] = [
          ...names.map((n, i) => ({ path: ['services', n], lines: i % 2 ? keyLines : serviceLines })),
          ...(firstKey ? [{ path: ['services', first, firstKey], lines: keyLines }] : []),
        ];
        expect(commentedYaml(document, comments)).toBe(libraryYaml(withComments(document, comments)));
      }),
      { numRuns: RUNS },
    );
  });

  it('takes the fast path for a commented compose-like file, and fails like withComments on a missing key', () => {
    const document = { name: 'shop', services: new Map([['api', { image: 'x', ports: ['8000:8000'] }]]) };
    const comments = [{ path: ['services', 'api'], lines: ['the API', ''] }, { path: ['services', 'api', 'image'], lines: ['pinned'] }];
    const byPath = new Map([['services\u0000api', [' the API', ' ']], ['services\u0000api\u0000image', [' pinned']]]);
    expect(fastYaml(document, { maps: true, comments: byPath })).toBe(libraryYaml(withComments(document, comments)));
    expect(() => commentedYaml(document, [{ path: ['services', 'nope'], lines: ['x'] }])).toThrow(/no key services.nope/);
  });
});

describe('YAML writer: a string stays a string for every reader', () => {
  // Shapes readers type: numbers in every base and spelling, with signs, underscores, commas,
  // exponents, colons (YAML 1.1 sexagesimal) and dates, plus the words of YAML 1.1 and 1.2.
  const numberish = fc.string({ unit: fc.constantFrom('0', '1', '7', '8', '9', 'o', 'O', 'x', 'X', 'b', 'B', 'e', 'E', 'f', '_', '.', ',', ':', '-', '+', 'T', 't', ' '), minLength: 1, maxLength: 8 });
  const dates = fc.tuple(fc.integer({ min: 1000, max: 2999 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }), fc.boolean()).map(([y, m, d, pad]) => `${y}-${pad ? String(m).padStart(2, '0') : m}-${pad ? String(d).padStart(2, '0') : d}`);
  const words = fc.constantFrom('on', 'off', 'yes', 'no', 'y', 'n', 'Y', 'N', 'On', 'OFF', 'True', 'false', 'NULL', '~', '', '.inf', '-.Inf', '.NaN', '=', '<<');
  const based = fc.tuple(fc.constantFrom('', '-', '+'), fc.constantFrom('', '0', '0x', '0X', '0o', '0O', '0b', '0B'), fc.string({ unit: fc.constantFrom('0', '1', '7', '_'), minLength: 1, maxLength: 4 })).map((parts) => parts.join(''));
  // The examples the issue names, one by one: each is quoted, and reads back as itself.
  const named = ['0o17', '0O17', '-0o17', '0x1F', '0B101', '1_000', '1__0', '08', 'on', 'off', 'yes', 'no', 'y', 'n', '~', '.inf', '1e3', '12:30', '1:20:30', '2001-12-14', '2001-1-2', '1,000', '='];

  const value = fc.oneof(numberish, based, dates, words, tricky, fc.constantFrom(...named));

  const readBack = (text: string, version: '1.1' | '1.2'): unknown => parse(text, { version });

  it('quotes the values the issue names', () => {
    for (const v of named) {
      const text = toYaml({ k: v });
      expect(text, v).toMatch(/^k: ["']/);
      expect(readBack(text, '1.1'), v).toEqual({ k: v });
      expect(readBack(text, '1.2'), v).toEqual({ k: v });
    }
  });

  it('round-trips any string as a string through YAML 1.1 and 1.2 readers, as a value, an item and a key', () => {
    fc.assert(
      fc.property(value, (v) => {
        for (const version of ['1.1', '1.2'] as const) {
          expect(readBack(toYaml({ k: v }), version)).toEqual({ k: v });
          expect(readBack(toYaml([v]), version)).toEqual([v]);
          if (v !== '<<') expect(readBack(toYaml({ [v]: 'x' }), version)).toEqual({ [v]: 'x' });
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('leaves ordinary strings plain', () => {
    for (const v of ['info', '1.2.3', 'v1', 'redis://cache:6379', 'ghcr.io/acme/api', 'a,b', '/health']) expect(toYaml({ k: v })).toBe(`k: ${v}\n`);
  });
});
