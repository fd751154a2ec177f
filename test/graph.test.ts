// stackc graph: golden pictures of every fixture, syntax checks of each format (Mermaid structure,
// DOT through Graphviz, SVG as XML), escaping of hostile text, the CLI's handling of bad input and
// -o, and the before/after graphs for diff.
//
// Regenerate the golden files with `npm run golden` (test/support/golden.ts) and read
// `git diff test/graph-golden` before committing.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import { runGraph, type GraphCommandOptions } from '../src/cli/commands/graph.js';
import { paletteOf, type Output } from '../src/cli/output.js';
import { buildGraph, dotHtml, graphChange, graphChangeMarkdown, mermaidText, renderGraph, toDot, toMermaid, type Graph } from '../src/graph/index.js';
import { graphviz } from '../src/graph/svg.js';
import { loadStackFile } from '../src/load/load-stack.js';
import type { Stack } from '../src/model/stack.js';
import { loadOk, root, tempDir } from './helpers.js';
import { expectGolden, expectNoStaleGoldens } from './support/golden.js';

const GOLDEN = join(root, 'test/graph-golden');
const FIXTURES = readdirSync(join(root, 'fixtures')).filter((name) => existsSync(join(root, 'fixtures', name, 'stack.yaml'))).sort();

function fixture(name: string): Stack {
  const loaded = loadStackFile(`fixtures/${name}/stack.yaml`, root);
  if (!loaded.stack) throw new Error(`fixture ${name} does not load`);
  return loaded.stack;
}

/** Golden files: Mermaid and DOT for every environment, SVG for the default one (and fullstack's production, shown in docs). */
function goldenCases(): { file: string; stack: string; environment: string; format: 'mermaid' | 'dot' | 'svg' }[] {
  const cases: ReturnType<typeof goldenCases> = [];
  for (const name of FIXTURES) {
    const stack = fixture(name);
    for (const [i, env] of stack.environments.entries()) {
      cases.push({ file: `${name}.${env.name}.mmd`, stack: name, environment: env.name, format: 'mermaid' });
      cases.push({ file: `${name}.${env.name}.dot`, stack: name, environment: env.name, format: 'dot' });
      if (i === 0 || (name === 'fullstack' && env.name === 'production')) cases.push({ file: `${name}.${env.name}.svg`, stack: name, environment: env.name, format: 'svg' });
    }
  }
  return cases;
}

// A stack whose free text tries every way out of a label, and whose names are Mermaid keywords.
const HOSTILE = `
stack: 1
name: odd
environments:
  development: {}
  production: { domain: odd.example }
services:
  api:
    description: "Quotes \\" and [brackets] {braces} (parens) <b>tags</b> & amp; #35; \`ticks\` | pipes \\\\ backslash %% end — ünïcödé 日本 🚀\\nsecond line"
    image: ghcr.io/odd/api:1.0
    ports: [8000]
    public: { host: "api.\${environment.domain}" }
    secrets: [API_KEY]
    depends_on: [db]
  end:
    image: nginx:1.27
    depends_on: [api]
  subgraph:
    static: { root: ./site }
    env: { API: "\${services.api.public_url}" }
resources:
  db: { type: postgres, description: "<script>alert('x')</script> -- \\"db\\" ]]> &lt; %%{init: {'theme':'dark'}}%%" }
targets:
  compose: {}
  kubernetes: { namespace: odd, environments: [production] }
  railway: { services: [end] }
  vercel: {}
`;
const HOSTILE_TEXT = `Quotes " and [brackets] {braces} (parens) <b>tags</b> & amp; #35; \`ticks\` | pipes \\ backslash %% end — ünïcödé 日本 🚀`;

// ---------------------------------------------------------------------------------------------
// Syntax checks

const ID = /^[A-Za-z][A-Za-z0-9_]*$/;
/** A quoted label: our own `<b>`, `</b>`, `<br/>` tags and `#…;` entity codes, nothing else special. */
const LABEL = /^"(?:[^"<>&#\u0000-\u001f]|<b>|<\/b>|<br\/>|#[A-Za-z0-9]+;)*"$/;
const NODE_SHAPES: [RegExp, string][] = [
  [/^([A-Za-z0-9_]+)\[\((".*")\)\]$/, 'cylinder'],
  [/^([A-Za-z0-9_]+)\(\[(".*")\]\)$/, 'stadium'],
  [/^([A-Za-z0-9_]+)\[(".*")\]$/, 'rect'],
  [/^([A-Za-z0-9_]+)\((".*")\)$/, 'round'],
];
const EDGE = /^([A-Za-z0-9_]+) (-->|-\.->|==>)(?:\|(".*")\|)? ([A-Za-z0-9_]+)$/;

/**
 * What Mermaid's parser would trip over, checked line by line (the `mermaid` package needs a browser
 * DOM; see the opt-in test below for the real parser): front matter, one `flowchart`, balanced
 * `subgraph`/`end`, valid unique ids, every edge endpoint a declared node, every label quoted and
 * escaped, classes and link styles referring to what exists.
 */
function mermaidProblems(text: string): string[] {
  const problems: string[] = [];
  const lines = text.split('\n');
  if (lines.at(-1) !== '') problems.push('does not end with a newline');
  if (lines[0] !== '---') problems.push('no front matter');
  const close = lines.indexOf('---', 1);
  if (close < 0) return [...problems, 'front matter not closed'];
  if (!/^title: "(?:[^"\\]|\\.)*"$/.test(lines[1] ?? '')) problems.push(`bad title line: ${lines[1]}`);
  if (lines[close + 1] !== 'flowchart LR') problems.push('no `flowchart LR` after the front matter');
  const nodes = new Set<string>();
  const subgraphs = new Set<string>();
  const open: string[] = [];
  const edges: [string, string][] = [];
  const classes = new Set<string>();
  const classRefs: string[] = [];
  const links: number[] = [];
  const defineId = (id: string, line: string) => {
    if (!ID.test(id) || ['end', 'subgraph', 'graph', 'flowchart', 'class', 'classDef', 'style', 'linkStyle', 'click'].includes(id)) problems.push(`bad id ${id}: ${line}`);
    if (nodes.has(id) || subgraphs.has(id)) problems.push(`id declared twice: ${id}`);
  };
  for (const raw of lines.slice(close + 2)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('%%')) continue;
    let m: RegExpExecArray | null;
    if ((m = /^subgraph ([^[\s]+)\[(".*")\]$/.exec(line))) {
      defineId(m[1]!, line);
      if (!LABEL.test(m[2]!)) problems.push(`bad subgraph label: ${line}`);
      subgraphs.add(m[1]!);
      open.push(m[1]!);
    } else if (line === 'end') {
      if (!open.pop()) problems.push('`end` without `subgraph`');
    } else if ((m = EDGE.exec(line))) {
      if (m[3] !== undefined && !LABEL.test(m[3])) problems.push(`bad edge label: ${line}`);
      edges.push([m[1]!, m[4]!]);
    } else if ((m = /^classDef ([a-z]+) ([-a-z]+:[^,\s]+(?: [^,\s]+)?(?:,[-a-z]+:[^,\s]+(?: [^,\s]+)?)*)$/.exec(line))) {
      classes.add(m[1]!);
    } else if ((m = /^class ([A-Za-z0-9_,]+) ([a-z]+)$/.exec(line))) {
      classRefs.push(...m[1]!.split(',').map((id) => `${id} ${m![2]}`));
    } else if ((m = /^style ([A-Za-z0-9_]+) [-a-z]+:[^\s]+(?: [^\s]+)?$/.exec(line))) {
      if (!subgraphs.has(m[1]!) && !nodes.has(m[1]!)) problems.push(`style of unknown ${m[1]}`);
    } else if ((m = /^linkStyle (\d+) [-a-z]+:/.exec(line))) {
      links.push(Number(m[1]));
    } else {
      const shape = NODE_SHAPES.find(([re]) => re.test(line));
      if (!shape) {
        problems.push(`unrecognised line: ${line}`);
        continue;
      }
      const [, id, text] = shape[0].exec(line)!;
      defineId(id!, line);
      if (!LABEL.test(text!)) problems.push(`bad label: ${line}`);
      nodes.add(id!);
    }
  }
  if (open.length) problems.push(`unclosed subgraph ${open.join(', ')}`);
  for (const [from, to] of edges) for (const id of [from, to]) if (!nodes.has(id)) problems.push(`edge endpoint ${id} is not a declared node`);
  for (const ref of classRefs) {
    const [id, name] = ref.split(' ') as [string, string];
    if (!nodes.has(id)) problems.push(`class of unknown node ${id}`);
    if (!classes.has(name)) problems.push(`class ${name} has no classDef`);
  }
  for (const n of links) if (n >= edges.length) problems.push(`linkStyle ${n} but only ${edges.length} edges`);
  return problems;
}

const XML_NAME = /[A-Za-z_:][-A-Za-z0-9_:.]*/y;
const ENTITY = /&(?:#[0-9]+|#x[0-9a-fA-F]+|amp|lt|gt|quot|apos);/y;

/** XML well-formedness (no dependency): one root, balanced tags, quoted unique attributes, valid references. */
function xmlProblems(text: string): { problems: string[]; texts: string[] } {
  const problems: string[] = [];
  const texts: string[] = [];
  const stack: string[] = [];
  let roots = 0;
  let i = 0;
  const refs = (s: string, at: number) => {
    for (let k = s.indexOf('&'); k >= 0; k = s.indexOf('&', k + 1)) {
      ENTITY.lastIndex = k;
      if (!ENTITY.test(s)) problems.push(`bad reference at ${at + k}: ${s.slice(k, k + 12)}`);
    }
  };
  const name = (): string | undefined => {
    XML_NAME.lastIndex = i;
    const m = XML_NAME.exec(text);
    if (!m) return undefined;
    i += m[0].length;
    return m[0];
  };
  const ws = () => {
    const start = i;
    while (/\s/.test(text[i] ?? '')) i++;
    return i > start;
  };
  while (i < text.length && problems.length < 20) {
    if (text.startsWith('<?', i)) {
      const end = text.indexOf('?>', i);
      if (end < 0 || stack.length || roots) problems.push('bad processing instruction');
      i = end < 0 ? text.length : end + 2;
    } else if (text.startsWith('<!--', i)) {
      const end = text.indexOf('-->', i + 4);
      if (end < 0 || text.slice(i + 4, end).includes('--')) problems.push(`bad comment at ${i}`);
      i = end < 0 ? text.length : end + 3;
    } else if (text.startsWith('<!DOCTYPE', i)) {
      const end = text.indexOf('>', i);
      if (stack.length || roots) problems.push('DOCTYPE after the root');
      i = end + 1;
    } else if (text.startsWith('</', i)) {
      i += 2;
      const n = name();
      ws();
      if (text[i] !== '>') problems.push(`bad end tag at ${i}`);
      i++;
      const top = stack.pop();
      if (n !== top) problems.push(`</${n}> closes <${top}>`);
    } else if (text[i] === '<') {
      i++;
      const n = name();
      if (!n) {
        problems.push(`bad tag at ${i}`);
        break;
      }
      if (stack.length === 0 && ++roots > 1) problems.push('more than one root element');
      const attrs = new Set<string>();
      for (;;) {
        const spaced = ws();
        if (text.startsWith('/>', i)) {
          i += 2;
          break;
        }
        if (text[i] === '>') {
          i++;
          stack.push(n);
          break;
        }
        const a = name();
        if (!a || !spaced) {
          problems.push(`bad attribute in <${n}> at ${i}`);
          i = text.indexOf('>', i) + 1;
          break;
        }
        if (attrs.has(a)) problems.push(`duplicate attribute ${a} in <${n}>`);
        attrs.add(a);
        ws();
        const quote = text[i + 1];
        if (text[i] !== '=' || (quote !== '"' && quote !== "'")) {
          problems.push(`unquoted attribute ${a} in <${n}>`);
          break;
        }
        const end = text.indexOf(quote, i + 2);
        const value = text.slice(i + 2, end);
        if (value.includes('<')) problems.push(`< in attribute ${a}`);
        refs(value, i + 2);
        i = end + 1;
      }
    } else {
      const end = text.indexOf('<', i) < 0 ? text.length : text.indexOf('<', i);
      const chunk = text.slice(i, end);
      if (stack.length === 0 && chunk.trim()) problems.push(`text outside the root: ${chunk.trim().slice(0, 20)}`);
      if (chunk.includes(']]>')) problems.push('`]]>` in text');
      refs(chunk, i);
      texts.push(decode(chunk));
      i = end;
    }
  }
  if (stack.length) problems.push(`unclosed ${stack.join(' > ')}`);
  if (roots !== 1) problems.push(`${roots} root elements`);
  return { problems, texts };
}

const decode = (s: string): string =>
  s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos);/g, (_, e: string) =>
    e[0] === '#' ? String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : Number(e.slice(1))) : ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" } as Record<string, string>)[e]!,
  );

async function renderDot(dot: string) {
  return (await graphviz()).render(dot, { format: 'svg' });
}

// ---------------------------------------------------------------------------------------------

describe('stackc graph: golden pictures of the fixtures', () => {
  const cases = goldenCases();
  it('covers every fixture in every format', () => {
    expect(FIXTURES).toEqual(['design-sketch', 'fullstack', 'minimal', 'plugin-target', 'saas']);
    for (const name of FIXTURES) for (const ext of ['mmd', 'dot', 'svg']) expect(cases.some((c) => c.stack === name && c.file.endsWith(`.${ext}`))).toBe(true);
  });

  for (const c of cases) {
    it(`${c.file}`, async () => {
      const text = await renderGraph(fixture(c.stack), c.environment, c.format, { source: 'stack.yaml' });
      expectGolden(join(GOLDEN, c.file), text);
    });
  }

  it('has no stale golden files', () => {
    expectNoStaleGoldens(GOLDEN, cases.map((c) => c.file), (f) => /\.(mmd|dot|svg)$/.test(f));
  });
});

describe('stackc graph: what the picture says', () => {
  const graph = buildGraph(fixture('fullstack'), 'production');
  const group = (title: string) => graph.groups.find((g) => g.title === title)!;
  const titles = (g: Graph['groups'][number]) => [...g.nodes, ...g.groups.flatMap((x) => x.nodes)].map((n) => `${n.kind}:${n.title}`);

  it('groups services by the target that runs them, in targets: order, and leaves out CI', () => {
    expect(graph.groups.map((g) => g.title)).toEqual(['Docker Compose', 'Kubernetes', 'Fly.io', 'Railway', 'Vercel']);
    expect(graph.notes).toContain('github-actions: CI and deploy workflows; they run no service, so they are not drawn');
    expect(titles(group('Docker Compose'))).toEqual(['service:api', 'service:worker', 'resource:cache']);
    expect(titles(group('Kubernetes'))).toEqual(['service:api', 'service:worker', 'resource:cache']);
    expect(titles(group('Fly.io'))).toEqual(['service:api']);
    expect(titles(group('Railway'))).toEqual(['service:api', 'service:worker', 'resource:cache']);
    expect(titles(group('Vercel'))).toEqual(['site:web']);
  });

  it('names things as the targets do: compose file, namespace, Fly app, Vercel environment', () => {
    expect(group('Docker Compose').lines).toEqual(['compose.production.yaml']);
    expect(group('Kubernetes').lines).toEqual(['namespace pazpaz-production']);
    expect(group('Fly.io').groups.map((g) => g.title)).toEqual(['app pazpaz-api']);
    expect(group('Vercel').lines).toEqual(['Production environment']);
    expect(buildGraph(fixture('fullstack'), 'staging').groups.find((g) => g.title === 'Vercel')!.lines).toEqual(['Preview environment · branch develop']);
  });

  it('draws an external resource once, outside the targets, with the secret its URL comes from', () => {
    const db = graph.nodes.find((n) => n.key === '@outside/resource/db')!;
    expect(db.lines).toEqual(['postgres 16', 'external in production', 'URL from secret DB_URL']);
    const into = graph.edges.filter((e) => e.to === db.id).map((e) => e.from);
    expect(into).toHaveLength(7); // api and worker on compose, kubernetes, railway; api on fly
  });

  it('says which target does not provision a dependency, and which do', () => {
    const cache = graph.nodes.find((n) => n.key === '@outside/resource/cache')!;
    expect(cache.lines).toEqual(['redis 7.4 · 1Gi', 'not provisioned by Fly.io', 'provisioned by Docker Compose,', 'Kubernetes, Railway']);
  });

  it('shows entry points: one node per address, an edge from it to each target serving it', () => {
    const entries = graph.nodes.filter((n) => n.kind === 'entry');
    expect(entries.map((n) => n.title)).toEqual(['api.pazpaz.example', 'pazpaz.example']);
    const labels = graph.edges.filter((e) => e.from === entries[0]!.id).map((e) => e.label);
    expect(labels).toEqual(['Ingress · nginx · TLS', 'Fly proxy · HTTPS', 'Railway · custom domain']);
  });

  it('shows published ports, replicas and secrets (names only) in the service boxes', () => {
    const api = group('Docker Compose').nodes[0]!;
    expect(api.lines).toEqual(['REST API (FastAPI)', '×3 (no autoscaling)', 'published 127.0.0.1:8000-8002:8000', 'secrets: SECRET_KEY, SENTRY_DSN,', 'SMTP_PASSWORD']);
    expect(api.lines.join(' ')).toContain('secrets: SECRET_KEY, SENTRY_DSN, SMTP_PASSWORD');
    expect(group('Kubernetes').nodes[0]!.lines.join(' ')).toContain('autoscale 3–10 at 70% CPU');
  });

  it('draws dependencies inside a target when it runs both ends', () => {
    const k8s = group('Kubernetes');
    const id = (title: string) => k8s.nodes.find((n) => n.title === title)!.id;
    expect(graph.edges).toContainEqual({ from: id('worker'), to: id('api'), kind: 'depends' });
    expect(graph.edges).toContainEqual({ from: id('api'), to: id('cache'), kind: 'depends' });
  });

  it('draws a target of a plugin with the services it is given', () => {
    const plugin = buildGraph(fixture('plugin-target'), 'development');
    expect(plugin.groups.map((g) => [g.title, g.lines])).toEqual([['procfile', ['plugin target']]]);
    expect(titles(plugin.groups[0]!)).toEqual(['service:web', 'service:worker', 'service:docs']);
  });

  it('keeps a plugin target called `outside` apart from the outside nodes', () => {
    const stack = loadOk('stack: 1\nname: shop\nservices:\n  api: { image: "nginx:1.27" }\n  worker: { image: "nginx:1.27", depends_on: [api] }\nplugins: [./x.mjs]\ntargets:\n  compose: { services: [worker] }\n  outside: { services: [api] }\n');
    const g = buildGraph(stack, 'development');
    expect(g.groups.map((x) => x.nodes.map((n) => n.key))).toEqual([['compose/service/worker'], ['outside/service/api']]);
    expect(g.nodes.map((n) => [n.key, n.id, n.lines])).toEqual([['@outside/service/api', 'n_outside_service_api_2', ['not run by Docker Compose', 'runs on outside']]]);
    expect(g.groups[1]!.nodes[0]!.id).toBe('n_outside_service_api');
    expect(mermaidProblems(toMermaid(g))).toEqual([]);
  });

  it('keeps a service no target runs, marked as such', () => {
    const stack = loadOk('stack: 1\nname: shop\nservices:\n  api: { image: "nginx:1.27", depends_on: [db] }\n  web: { image: "nginx:1.27" }\nresources:\n  db: { type: redis }\ntargets:\n  compose: { services: [web] }\n');
    const g = buildGraph(stack, 'development');
    expect(titles(g.groups[0]!)).toEqual(['service:web', 'resource:db']);
    const api = g.nodes.find((n) => n.key === '@outside/service/api')!;
    expect(api.lines).toEqual(['not run by any target in development']);
    const db = g.nodes.find((n) => n.key === '@outside/resource/db')!;
    expect(g.edges).toContainEqual({ from: api.id, to: db.id, kind: 'depends' });
    expect(db.lines).toEqual(['redis 7.4 · 1Gi', 'provisioned by Docker Compose']);
  });

  it('draws a reference to a public URL as an arrow to that address', () => {
    const saas = buildGraph(fixture('saas'), 'production');
    const web = saas.groups.find((g) => g.title === 'Vercel')!.nodes[0]!;
    const api = saas.nodes.find((n) => n.title === 'api.invoicely.example')!;
    expect(saas.edges).toContainEqual({ from: web.id, to: api.id, kind: 'reads', label: 'public URL' });
  });

  it('is deterministic: same stack, same bytes, in every format', async () => {
    for (const format of ['mermaid', 'dot', 'svg'] as const) {
      const a = await renderGraph(fixture('fullstack'), 'production', format);
      const b = await renderGraph(fixture('fullstack'), 'production', format);
      expect(b).toBe(a);
    }
  });

  it('throws on an unknown environment (the CLI checks first)', () => {
    expect(() => buildGraph(fixture('minimal'), 'production')).toThrow('no environment `production`');
  });
});

describe('stackc graph: syntax of each format', () => {
  const all = goldenCases().filter((c) => c.format !== 'svg');

  it('Mermaid passes the structural check, for every fixture and environment', async () => {
    for (const c of all.filter((x) => x.format === 'mermaid')) {
      expect(mermaidProblems(await renderGraph(fixture(c.stack), c.environment, 'mermaid')), c.file).toEqual([]);
    }
  });

  it('the structural check catches what Mermaid rejects', () => {
    const ok = toMermaid(buildGraph(fixture('minimal'), 'development'));
    expect(mermaidProblems(ok)).toEqual([]);
    expect(mermaidProblems(ok.replace('"<b>web</b>', '"<b>w"eb</b>'))).not.toEqual([]);
    expect(mermaidProblems(ok.replace('\n  end\n', '\n'))).toContain('unclosed subgraph g_group_compose');
    expect(mermaidProblems(ok.replace('class n_compose_service_web', 'class n_nope'))).toContain('class of unknown node n_nope');
    expect(mermaidProblems(`${ok}  n_compose_service_web --> n_missing\n`)).toContain('edge endpoint n_missing is not a declared node');
  });

  it('DOT is accepted by Graphviz without errors or warnings', async () => {
    for (const c of all.filter((x) => x.format === 'dot')) {
      const result = await renderDot(await renderGraph(fixture(c.stack), c.environment, 'dot'));
      expect(result.status, c.file).toBe('success');
      expect(result.errors, c.file).toEqual([]);
    }
  });

  it('SVG is well-formed XML with the generated-file comment', async () => {
    for (const c of goldenCases().filter((x) => x.format === 'svg')) {
      const svg = await renderGraph(fixture(c.stack), c.environment, 'svg');
      expect(xmlProblems(svg).problems, c.file).toEqual([]);
      expect(svg).toMatch(/^<\?xml [^>]*\?>\n<!-- Generated by stackc graph from stack\.yaml \(environment [a-z]+\); do not edit\. -->\n/);
      expect(svg).toContain(`font-family="Helvetica,Arial,'Liberation Sans',sans-serif"`);
    }
  });

  it('the XML check catches broken documents', () => {
    expect(xmlProblems('<a><b></a>').problems).not.toEqual([]);
    expect(xmlProblems('<a x="1" x="2"/>').problems).toContain('duplicate attribute x in <a>');
    expect(xmlProblems('<a>&nope;</a>').problems).not.toEqual([]);
    expect(xmlProblems('<a/><b/>').problems).toContain('more than one root element');
    expect(xmlProblems('<?xml version="1.0"?>\n<a t="&amp;">x &lt; y</a>\n').problems).toEqual([]);
  });
});

describe('stackc graph: escaping', () => {
  const stack = loadOk(HOSTILE);

  it('escapes Mermaid labels with entity codes', () => {
    expect(mermaidText('a "b" <c> & #d; `e` | f \\ g %% h\ni')).toBe('a #quot;b#quot; #lt;c#gt; #amp; #35;d; #96;e#96; #124; f #92; g #37;#37; h i');
    expect(mermaidText('ünïcödé 日本 🚀 — ×')).toBe('ünïcödé 日本 🚀 — ×');
  });

  it('escapes DOT HTML labels and quoted strings', () => {
    expect(dotHtml('a "b" <c> & d\ne')).toBe('a &quot;b&quot; &lt;c&gt; &amp; d e');
    expect(dotHtml('ünïcödé 日本 🚀')).toBe('ünïcödé 日本 🚀');
  });

  it('keeps hostile text and keyword names inside their labels in Mermaid', () => {
    for (const env of ['development', 'production']) {
      const text = toMermaid(buildGraph(stack, env));
      expect(mermaidProblems(text), env).toEqual([]);
      expect(text).not.toMatch(/^\s*end\[/m);
      expect(text).toContain('n_compose_service_end["<b>end</b>"]');
      expect(text).not.toContain('%%{'); // Mermaid reads directives anywhere in the text
    }
  });

  it('keeps hostile text intact through DOT and SVG', async () => {
    const dot = toDot(buildGraph(stack, 'production'));
    const result = await renderDot(dot);
    expect(result.status).toBe('success');
    expect(result.errors).toEqual([]);
    const svg = await renderGraph(stack, 'production', 'svg');
    const { problems, texts } = xmlProblems(svg);
    expect(problems).toEqual([]);
    const shown = texts.join('\n');
    // Wrapped over lines in the box; every word arrives as written.
    for (const word of HOSTILE_TEXT.split(' ')) expect(shown).toContain(word);
    for (const word of `<script>alert('x')</script> -- "db" ]]> &lt;`.split(' ')) expect(shown).toContain(word);
  });

  it('keeps comments to one line whatever the file is called', () => {
    const graph = { ...buildGraph(stack, 'production'), source: 'evil\nflowchart TB\n  x-->y' };
    expect(toMermaid(graph)).toContain('%% Generated by stackc graph from evil flowchart TB   x-->y (environment production)');
    expect(toDot(graph)).toContain('// Generated by stackc graph from evil flowchart TB   x-->y (environment production)');
  });

  // The `mermaid` package needs a DOM. To run its parser too, install it outside the repo:
  //   npm install --prefix /tmp/mermaid-check mermaid jsdom
  //   STACKC_MERMAID_PREFIX=/tmp/mermaid-check npx vitest run --config test/vitest.config.ts test/graph.test.ts
  it.runIf(process.env.STACKC_MERMAID_PREFIX)('passes the real Mermaid parser (opt-in)', async () => {
    const prefix = process.env.STACKC_MERMAID_PREFIX!;
    const require = createRequire(join(prefix, 'package.json'));
    const { JSDOM } = (await import(pathToFileURL(require.resolve('jsdom')).href)) as { JSDOM: new (html: string) => { window: { document: unknown } } };
    const dom = new JSDOM('<!doctype html><html><body></body></html>');
    Object.assign(globalThis, { window: dom.window, document: dom.window.document });
    const mermaid = ((await import(pathToFileURL(require.resolve('mermaid')).href)) as { default: { initialize(c: object): void; parse(t: string): Promise<unknown> } }).default;
    mermaid.initialize({ startOnLoad: false });
    const texts = [
      ...goldenCases().filter((c) => c.format === 'mermaid').map((c) => readFileSync(join(GOLDEN, c.file), 'utf8')),
      toMermaid(buildGraph(stack, 'development')),
      toMermaid(buildGraph(stack, 'production')),
      ...(({ change }) => [change.before!, change.after!])(changed()),
    ];
    for (const text of texts) await expect(mermaid.parse(text)).resolves.toBeTruthy();
    await expect(mermaid.parse('flowchart LR\n  a["x"y"] --> b\n')).rejects.toThrow();
  });
});

// ---------------------------------------------------------------------------------------------

function output() {
  const out: string[] = [];
  const err: string[] = [];
  const o: Output = { out: (t) => out.push(t), err: (t) => err.push(t), palette: paletteOf(new Chalk({ level: 0 })) };
  return { o, out, err, text: () => out.join(''), errors: () => err.join('\n') };
}

function project(stackText = readFileSync(join(root, 'fixtures/fullstack/stack.yaml'), 'utf8')): string {
  const dir = tempDir();
  writeFileSync(join(dir, 'stack.yaml'), stackText);
  return dir;
}

async function graph(opts: GraphCommandOptions) {
  const o = output();
  const code = await runGraph(opts, o.o);
  return { code, stdout: o.text(), stderr: o.errors() };
}

describe('stackc graph: the command', () => {
  it('prints Mermaid for the default environment by default', async () => {
    const dir = project();
    const r = await graph({ cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(readFileSync(join(GOLDEN, 'fullstack.development.mmd'), 'utf8'));
    expect(r.stderr).toBe('');
  });

  it('prints DOT or SVG for another environment', async () => {
    const dir = project();
    const dot = await graph({ cwd: dir, env: 'production', format: 'dot' });
    expect(dot.stdout).toBe(readFileSync(join(GOLDEN, 'fullstack.production.dot'), 'utf8'));
    const svg = await graph({ cwd: dir, env: 'production', format: 'svg' });
    expect(svg.stdout).toBe(readFileSync(join(GOLDEN, 'fullstack.production.svg'), 'utf8'));
  });

  it('exits 2 on an unknown environment, with a suggestion', async () => {
    const r = await graph({ cwd: project(), env: 'prodution' });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('error: no environment `prodution` in stack.yaml');
    expect(r.stderr).toContain('did you mean `production`?');
    const far = await graph({ cwd: project(), env: 'qa' });
    expect(far.stderr).toContain('environments: development, staging, production');
  });

  it('exits 2 on an unknown format', async () => {
    const r = await graph({ cwd: project(), format: 'svgg' });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown graph format `svgg`');
    expect(r.stderr).toContain('did you mean `svg`?');
  });

  it('exits 2 with the loader diagnostics on a broken stack', async () => {
    const r = await graph({ cwd: project('stack: 1\nname: shop\nservices:\n  api: { image: "nginx:1.27", depends_on: [dbb] }\nresources:\n  db: { type: redis }\n') });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('stack.yaml:4:');
    expect(r.stdout).toBe('');
  });

  it('-o writes the file, the format following the extension', async () => {
    const dir = project();
    const r = await graph({ cwd: dir, env: 'production', output: 'architecture.svg' });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('stackc graph: wrote architecture.svg (svg, environment production)');
    expect(readFileSync(join(dir, 'architecture.svg'), 'utf8')).toBe(readFileSync(join(GOLDEN, 'fullstack.production.svg'), 'utf8'));
    await graph({ cwd: dir, env: 'production', output: 'architecture.dot' });
    expect(readFileSync(join(dir, 'architecture.dot'), 'utf8')).toBe(readFileSync(join(GOLDEN, 'fullstack.production.dot'), 'utf8'));
    expect(readdirSync(dir).sort()).toEqual(['architecture.dot', 'architecture.svg', 'stack.yaml']);
  });

  it('-o FILE.md wraps the Mermaid graph in a fenced block GitHub renders', async () => {
    const dir = project();
    mkdirSync(join(dir, 'docs'));
    expect((await graph({ cwd: dir, output: 'docs/architecture.md' })).code).toBe(0);
    expect(readFileSync(join(dir, 'docs/architecture.md'), 'utf8')).toBe(`\`\`\`mermaid\n${readFileSync(join(GOLDEN, 'fullstack.development.mmd'), 'utf8')}\`\`\`\n`);
  });

  it('--format that contradicts the extension is refused (issue 19, item 2): a .svg file never holds DOT', async () => {
    const dir = project();
    const r = await graph({ cwd: dir, format: 'dot', output: 'graph.svg' });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('-o graph.svg: its extension means svg, but --format is dot');
    expect(existsSync(join(dir, 'graph.svg'))).toBe(false);
  });

  it('-o never overwrites the stack file, a directory or a file stackc build generated', async () => {
    const dir = project();
    const before = readFileSync(join(dir, 'stack.yaml'), 'utf8');
    const self = await graph({ cwd: dir, output: 'stack.yaml' });
    expect(self.code).toBe(2);
    expect(self.stderr).toContain('-o stack.yaml is the stack file; stackc graph never writes there');
    expect(readFileSync(join(dir, 'stack.yaml'), 'utf8')).toBe(before);
    expect((await graph({ cwd: dir, output: './sub/../stack.yaml' })).code).toBe(2);

    mkdirSync(join(dir, 'docs'));
    const directory = await graph({ cwd: dir, output: 'docs' });
    expect(directory.code).toBe(2);
    expect(directory.stderr).toContain('-o docs is a directory');

    const missing = await graph({ cwd: dir, output: 'nowhere/graph.svg' });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('the directory nowhere does not exist');

    mkdirSync(join(dir, '.stackc'));
    writeFileSync(join(dir, '.stackc/manifest.json'), JSON.stringify({ version: 1, files: [{ path: 'compose.yaml', sha256: 'x', target: 'compose' }] }));
    writeFileSync(join(dir, 'compose.yaml'), 'generated\n');
    const generated = await graph({ cwd: dir, output: 'compose.yaml' });
    expect(generated.code).toBe(2);
    expect(generated.stderr).toContain('is a file `stackc build` generates (target compose)');
    expect(readFileSync(join(dir, 'compose.yaml'), 'utf8')).toBe('generated\n');
    expect(readdirSync(dir).sort()).toEqual(['.stackc', 'compose.yaml', 'docs', 'stack.yaml']);
  });

  it('loads Graphviz only for SVG', () => {
    // The WebAssembly module is imported dynamically by svg.ts alone; index.ts imports svg.ts dynamically.
    const sources = readdirSync(join(root, 'src/graph')).map((f) => [f, readFileSync(join(root, 'src/graph', f), 'utf8')] as const);
    for (const [file, text] of sources) {
      expect(text, file).not.toMatch(/^import (?!type)[^;]*'@viz-js\/viz'/m);
      if (file !== 'svg.ts') expect(text, file).not.toMatch(/^import (?!type)[^;]*'\.\/svg\.js'/m);
    }
    expect(readFileSync(join(root, 'src/cli/commands/graph.ts'), 'utf8')).not.toMatch(/svg\.js|@viz-js/);
  });
});

// ---------------------------------------------------------------------------------------------

function changed() {
  const before = fixture('fullstack');
  const text = readFileSync(join(root, 'fixtures/fullstack/stack.yaml'), 'utf8');
  // A new service with a dependency, a dependency dropped, and a label-only change (replicas).
  const afterText = text
    .replace('    depends_on: [db, cache, api]\n', '    depends_on: [db, cache]\n')
    .replace('\n  web:\n', '\n  mailer:\n    image: ghcr.io/pazpaz/mailer:1.0\n    depends_on: [cache]\n\n  web:\n')
    .replace('    replicas: 2\n', '    replicas: 4\n');
  const after = loadOk(afterText);
  return { before, after, change: graphChange(before, after, 'production'), markdown: graphChangeMarkdown(before, after), same: graphChange(before, fixture('fullstack'), 'production') };
}

describe('stackc graph: before/after for diff', () => {
  it('finds added and removed services and edges, and highlights them', () => {
    const { change } = changed();
    expect(change.changed).toBe(true);
    expect(change.summary).toContain('+ service mailer on Docker Compose');
    expect(change.summary).toContain('+ service mailer on Kubernetes');
    expect(change.summary).toContain('- edge worker → api on Railway');
    expect(change.summary).toContain('+ edge mailer → cache on Kubernetes');
    expect(mermaidProblems(change.before!)).toEqual([]);
    expect(mermaidProblems(change.after!)).toEqual([]);
    expect(change.after).toMatch(/^  class [^\n]*n_compose_service_mailer[^\n]* added$/m);
    expect(change.before).toMatch(/^  linkStyle \d+ stroke:#cb2431/m);
    expect(change.after).toContain('title: "pazpaz · production (after)"');
  });

  it('counts a depends_on that became a mere reference as a change', () => {
    const before = fixture('fullstack');
    const after = loadOk(readFileSync(join(root, 'fixtures/fullstack/stack.yaml'), 'utf8').replace('    depends_on: [db, cache, api]\n', '    depends_on: [db, api]\n'));
    const change = graphChange(before, after, 'production');
    expect(change.changed).toBe(true);
    expect(change.summary).toEqual(['~ edge worker → cache on Docker Compose', '~ edge worker → cache on Kubernetes', '~ edge worker → cache on Railway']);
    expect(change.after).toMatch(/^  linkStyle \d+ stroke:#b08800/m);
  });

  it('notes label-only changes without calling them architecture changes', () => {
    const before = fixture('fullstack');
    const after = loadOk(readFileSync(join(root, 'fixtures/fullstack/stack.yaml'), 'utf8').replace('    replicas: 2\n', '    replicas: 4\n'));
    const change = graphChange(before, after, 'staging');
    expect(change.changed).toBe(false);
    expect(change.summary).toContain('~ service api on Kubernetes');
    expect(graphChangeMarkdown(before, after)).toBe('');
  });

  it('reports nothing for the same stack', () => {
    const { same } = changed();
    expect(same).toMatchObject({ changed: false, summary: [] });
  });

  it('renders collapsed Markdown sections, one per changed environment', () => {
    const { markdown } = changed();
    const sections = markdown.split('<details>').slice(1);
    expect(sections).toHaveLength(3);
    expect(markdown).toContain('<summary>Architecture of <code>production</code>:');
    expect(markdown).toContain('```diff\n');
    expect(markdown.match(/```mermaid\n/g)).toHaveLength(6);
    expect(markdown.endsWith('</details>\n')).toBe(true);
  });

  it('handles a new or removed environment and a missing stack', () => {
    const before = fixture('minimal');
    const after = loadOk(readFileSync(join(root, 'fixtures/minimal/stack.yaml'), 'utf8').replace('services:', 'environments:\n  development: {}\n  production: {}\nservices:'));
    const added = graphChange(before, after, 'production');
    expect(added).toMatchObject({ changed: true, summary: ['+ environment production'] });
    expect(added.before).toBeUndefined();
    expect(mermaidProblems(added.after!)).toEqual([]);
    const removed = graphChange(after, before, 'production');
    expect(removed).toMatchObject({ changed: true, summary: ['- environment production'] });
    expect(removed.after).toBeUndefined();
    expect(graphChange(undefined, before, 'development').summary).toEqual(['+ environment development']);
    expect(graphChangeMarkdown(before, undefined)).toContain('**Before**');
  });
});

describe('graph: jobs (issue 18, item 5)', () => {
  const graph = buildGraph(fixture('fidelity/jobs'), 'production');
  const group = (title: string) => graph.groups.find((g) => g.title === title)!;
  const node = (g: { nodes: { title: string; kind: string; lines: string[] }[] }, title: string) => g.nodes.find((n) => n.title === title);

  it('draws each job a target runs as a job, with its schedule or how it starts', () => {
    expect(node(group('Kubernetes'), 'nightly-report')).toMatchObject({ kind: 'job', lines: expect.arrayContaining(['CronJob', 'schedule 0 3 * * * (Europe/Berlin)']) });
    expect(node(group('Kubernetes'), 'reindex')!.lines).toContain('CronJob (suspended) · manual');
    expect(node(group('Docker Compose'), 'warm-cache')!.lines).toContain('one-shot, run by up · post-deploy');
    // Railway runs the scheduled job alone, as a cron service; Fly runs each job in the app of its `from` service.
    expect(group('Railway').nodes.filter((n) => n.kind === 'job').map((n) => n.title)).toEqual(['nightly-report']);
    const fly = group('Fly.io').nodes.concat(group('Fly.io').groups.flatMap((g) => g.nodes)).filter((n) => n.kind === 'job');
    expect(fly.map((n) => [n.title, n.lines.find((l) => l.includes('shop-api'))])).toEqual([
      ['nightly-report', 'process group cron of shop-api'],
      ['reindex', 'Machine of shop-api · manual'],
      ['warm-cache', 'Machine of shop-api · post-deploy'],
    ]);
  });

  it('draws what a job uses, and a job shape in Mermaid and DOT', () => {
    const job = node(group('Kubernetes'), 'nightly-report') as { id?: string } | undefined;
    const db = group('Kubernetes').nodes.find((n) => n.title === 'db')!;
    expect(graph.edges).toContainEqual(expect.objectContaining({ from: (job as { id: string }).id, to: db.id }));
    expect(toMermaid(graph)).toMatch(/n_kubernetes_service_nightly_report\[\/"<b>nightly-report<\/b>/);
    expect(toDot(graph)).toMatch(/"n_kubernetes_service_nightly_report" \[shape=parallelogram/);
  });
});

describe('graph: s3 buckets (issue 20, item 5)', () => {
  it('draws a bucket as a resource named by its bucket, and an external one with where it is and its key secrets', () => {
    const dev = buildGraph(fixture('fidelity/s3-bucket'), 'development');
    const compose = dev.groups.find((g) => g.title === 'Docker Compose')!;
    expect(compose.nodes.find((n) => n.title === 'files')).toMatchObject({ kind: 'resource', lines: expect.arrayContaining(['s3 bucket shop-uploads · container']) });
    const prod = buildGraph(fixture('fidelity/s3-bucket'), 'production');
    const outside = prod.nodes.find((n) => n.title === 'files')!;
    expect(outside.lines.join(' ')).toContain('https://s3.eu-west-1.amazonaws.com, keys from secrets FILES_ACCESS_KEY, FILES_SECRET_KEY');
    expect(outside.lines.join(' ')).not.toContain('FILES_URL');
  });
});

describe('graph: container resources (issue 20, item 5)', () => {
  it('draws a container resource as its image (with its storage only where it keeps data), and an external one with the secrets its outputs come from', () => {
    const dev = buildGraph(fixture('fidelity/container-resource'), 'development');
    const compose = dev.groups.find((g) => g.title === 'Docker Compose')!;
    expect(compose.nodes.find((n) => n.title === 'mail')!.lines.join(' ')).toContain('image axllent/mailpit:v1.21');
    expect(compose.nodes.find((n) => n.title === 'mail')!.lines.join(' ')).not.toContain('container latest');
    const prod = buildGraph(fixture('fidelity/container-resource'), 'production');
    const outside = prod.nodes.find((n) => n.title === 'search')!;
    expect(outside.lines.join(' ')).toContain('outputs from secrets SEARCH_HOST, SEARCH_PORT, SEARCH_URL');
    expect(outside.lines.join(' ')).not.toContain('URL from secret');
  });
});
