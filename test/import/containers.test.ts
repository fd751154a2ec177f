// Import of known backing images as `type: container` resources (issue 20, item 5): only what
// another service reaches by host name, and only when nothing would be lost.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { knownContainer, reachesHost } from '../../src/import/containers.js';
import { importCompose } from '../../src/import/index.js';

function run(compose: string) {
  const dir = mkdtempSync(join(tmpdir(), 'stackc-import-'));
  writeFileSync(join(dir, 'compose.yaml'), compose);
  return importCompose({ files: ['compose.yaml'], cwd: dir, output: join(dir, 'stack.yaml'), processEnv: {} });
}

const ES = `  search:
    image: elasticsearch:8.15.0
    environment: { discovery.type: single-node }
`;

describe('known backing images', () => {
  it('are recognised by repository, wherever they are pulled from', () => {
    expect(knownContainer('elasticsearch:7.16.1')?.port).toBe(9200);
    expect(knownContainer('docker.elastic.co/elasticsearch/elasticsearch:8.15.0')?.dataPath).toBe('/usr/share/elasticsearch/data');
    expect(knownContainer('docker.io/axllent/mailpit')?.port).toBe(1025);
    expect(knownContainer('kibana:7.16.1')).toBeUndefined();
  });

  it('are reached by a host, host:port, or a URL to the host', () => {
    expect(reachesHost('elasticsearch', ['elasticsearch'])).toBe(true);
    expect(reachesHost('elasticsearch:9200', ['elasticsearch'])).toBe(true);
    expect(reachesHost('http://user@elasticsearch:9200/x', ['elasticsearch'])).toBe(true);
    expect(reachesHost('http://elasticsearch-2:9200', ['elasticsearch'])).toBe(false);
  });
});

describe('import of a known backing image', () => {
  it('makes a container resource of one another service reaches by host name, and rewrites the URL', () => {
    const r = run(`services:\n  app:\n    image: ghcr.io/a/app:1\n    environment: { ES: "http://search:9200" }\n${ES}`);
    expect(r.text).toContain('type: container');
    expect(r.text).toContain('ES: ${resources.search.url}');
  });

  it('leaves one nobody reaches by host name a service, without a word (the Elasticsearch/Logstash/Kibana sample)', () => {
    const r = run(`services:\n  app:\n    image: ghcr.io/a/app:1\n    depends_on: [search]\n${ES}`);
    expect(r.text).not.toContain('type: container');
    expect(r.notes.map((n) => n.message).join('\n')).not.toContain('container resource');
  });

  it('leaves one with a healthcheck a service, saying what a resource would lose', () => {
    const r = run(`services:\n  app:\n    image: ghcr.io/a/app:1\n    environment: { ES: "search" }\n${ES}    healthcheck: { test: [CMD, curl, -f, localhost:9200] }\n`);
    expect(r.text).not.toContain('type: container');
    expect(r.notes.map((n) => n.message)).toContain('`search` stays a service, not a container resource: a resource would lose `healthcheck`');
  });
});
