// `stackc lint`, `rules` and `explain` end to end through the bundled CLI.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../src/lint/catalog/index.js';
import { runCli, snapshotTree } from '../helpers.js';
import { sarifProblems } from '../platform-schemas.js';
import { makeProject } from './harness.js';

/** Two memory-less services (warnings) and, with `error`, a level that makes them fail. */
const project = (level?: string) =>
  makeProject({
    'stack.yaml': [
      'stack: 1',
      'name: shop',
      'services:',
      '  api:',
      '    image: ghcr.io/acme/api:1.4.2',
      '    ports: [8000]',
      '    user: "1000"',
      '    healthcheck: { http: /health }',
      '  worker:',
      '    image: ghcr.io/acme/api:1.4.2',
      '    user: "1000"',
      '    healthcheck: { command: [/app/healthcheck] }',
      ...(level ? ['lint:', '  rules:', `    resource-limits: ${level}`] : []),
      '',
    ].join('\n'),
  });

const resourceFindings = (stdout: string) => stdout.split('\n').filter((l) => l.includes('[resource-limits]'));

describe('stackc lint exit codes', () => {
  it('warnings alone exit 0; --max-warnings turns them into a failure', () => {
    const dir = project();
    const ok = runCli(['lint'], dir);
    expect(ok.status).toBe(0);
    expect(resourceFindings(ok.stdout)).toEqual([
      'stack.yaml:4:3: warning: service `api` has no memory limit [resource-limits]',
      'stack.yaml:9:3: warning: service `worker` has no memory limit [resource-limits]',
    ]);
    expect(ok.stdout).toMatch(/✔ 2 warnings · \d+ rules/);
    const strict = runCli(['lint', '--max-warnings', '1'], dir);
    expect(strict.status).toBe(1);
    expect(strict.stdout).toContain('2 warnings — more than --max-warnings 1');
    expect(runCli(['lint', '--max-warnings', '2'], dir).status).toBe(0);
  });

  it('errors exit 1, from stack.yaml or from --rule', () => {
    expect(runCli(['lint'], project('error')).status).toBe(1);
    expect(runCli(['lint', '--rule', 'resource-limits=error'], project()).status).toBe(1);
    expect(runCli(['lint', '--rule', 'resource-limits=off'], project('error')).status).toBe(0);
  });

  it('bad input exits 2 with a diagnostic: unknown rules, bad levels, an invalid stack', () => {
    const dir = project();
    const unknown = runCli(['lint', '--rule', 'resource-limit=off'], dir);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('--rule resource-limit=off: there is no rule `resource-limit`');
    expect(unknown.stderr).toContain('did you mean `resource-limits`?');
    expect(runCli(['lint', '--rule', 'resource-limits=loud'], dir).status).toBe(2);
    expect(runCli(['lint', '--max-warnings', 'many'], dir).status).toBe(2);
    const invalid = runCli(['lint'], project('sometimes'));
    expect(invalid.status).toBe(2);
    expect(invalid.stderr).toContain('stack.yaml:15:22');
    expect(invalid.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('the exit code does not depend on the format or on --output', () => {
    const dir = project('error');
    for (const format of ['pretty', 'json', 'sarif', 'github']) {
      expect(runCli(['lint', '--format', format], dir).status, format).toBe(1);
      expect(runCli(['lint', '--format', format, '-o', `report.${format}`], dir).status, format).toBe(1);
      expect(existsSync(join(dir, `report.${format}`))).toBe(true);
    }
  });

  it('an invalid stack still writes a json or sarif report carrying the errors, for an `if: always()` upload (issue 19, item 15)', () => {
    const dir = project('sometimes');
    const sarif = runCli(['lint', '--format', 'sarif', '-o', 'stackc.sarif'], dir);
    expect(sarif.status).toBe(2);
    expect(sarif.stderr).toContain('stack.yaml:15:22');
    const log = JSON.parse(readFileSync(join(dir, 'stackc.sarif'), 'utf8'));
    expect(sarifProblems(log)).toEqual([]);
    const run = log.runs[0];
    expect(run.invocations).toMatchObject([{ executionSuccessful: false }]);
    expect(run.results.length).toBeGreaterThan(0);
    expect(run.results[0]).toMatchObject({ level: 'error', locations: [{ physicalLocation: { artifactLocation: { uri: 'stack.yaml' }, region: { startLine: 15, startColumn: 22 } } }] });
    expect(run.tool.driver.rules[run.results[0].ruleIndex].id).toBe(run.results[0].ruleId);
    // On stdout too, for `> stackc.sarif`; and the json report.
    expect(JSON.parse(runCli(['lint', '--format', 'sarif'], dir).stdout).runs[0].results).toEqual(run.results);
    expect(runCli(['lint', '--format', 'json', '-o', 'report.json'], dir).status).toBe(2);
    const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8'));
    expect(report).toMatchObject({ version: 1, findings: [], errors: [expect.objectContaining({ severity: 'error', file: 'stack.yaml', line: 15, col: 22 })] });
    // A report path the guard refuses is still refused.
    expect(runCli(['lint', '--format', 'sarif', '-o', 'stack.yaml'], dir).stderr).toMatch(/--output stack\.yaml/);
    expect(readFileSync(join(dir, 'stack.yaml'), 'utf8')).toMatch(/^stack: 1/);
  });

  it('refuses to write a report outside the project, and writes nothing', () => {
    const dir = project();
    const before = snapshotTree(dir);
    const r = runCli(['lint', '-o', '../elsewhere.json', '--format', 'json'], dir);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--output ../elsewhere.json is outside the project');
    expect(snapshotTree(dir)).toEqual(before);
  });
});

describe('stackc lint formats', () => {
  it('sarif validates against SARIF 2.1.0 with what GitHub code scanning needs', () => {
    const r = runCli(['lint', '--format', 'sarif'], project());
    const log = JSON.parse(r.stdout);
    expect(sarifProblems(log)).toEqual([]);
    const run = log.runs[0];
    expect(run.tool.driver).toMatchObject({ name: 'stackc', informationUri: expect.stringMatching(/^https:/) });
    const rule = run.tool.driver.rules.find((x: { id: string }) => x.id === 'resource-limits');
    expect(rule).toMatchObject({ helpUri: expect.stringContaining('docs/rules/resource-limits.md'), help: { markdown: expect.stringContaining('# `resource-limits`') }, defaultConfiguration: { level: 'warning' } });
    expect(run.results).toHaveLength(2);
    for (const result of run.results) {
      expect(result.locations[0].physicalLocation).toMatchObject({ artifactLocation: { uri: 'stack.yaml', uriBaseId: '%SRCROOT%' }, region: { startLine: expect.any(Number), startColumn: expect.any(Number) } });
      expect(result.partialFingerprints['stackc/v1']).toMatch(/^[0-9a-f]{32}$/);
      expect(run.tool.driver.rules[result.ruleIndex].id).toBe(result.ruleId);
    }
  });

  it('json is versioned and counts what it found', () => {
    const report = JSON.parse(runCli(['lint', '--format', 'json'], project()).stdout);
    expect(report).toMatchObject({ version: 1, tool: { name: 'stackc' }, summary: { errors: 0, warnings: 2, infos: 0, suppressed: 0, baselined: 0 } });
    expect(report.findings[0]).toMatchObject({ ruleId: 'resource-limits', severity: 'warn', file: 'stack.yaml', line: 4, col: 3, pointer: '/services/api' });
  });

  it('github prints workflow commands with escaped properties', () => {
    const out = runCli(['lint', '--format', 'github'], project()).stdout.split('\n');
    expect(out[0]).toBe('::warning file=stack.yaml,line=4,col=3,endLine=4,endColumn=6,title=stackc resource-limits::service `api` has no memory limit%0Ahint: add `resources: { memory: 512Mi }` (sized to the service), plus `cpu` if you want it capped%0Adocs: https://github.com/stackc-dev/stackc/blob/main/docs/rules/resource-limits.md');
  });

  it('paths are relative to the working directory (-C)', () => {
    const dir = project();
    const r = runCli(['lint', '-C', dir, '--format', 'json'], join(dir, '..'));
    expect(JSON.parse(r.stdout).findings[0].file).toBe('stack.yaml');
  });
});

describe('stackc lint baseline', () => {
  it('records findings without line numbers or values, then reports only new ones', () => {
    const dir = project();
    const write = runCli(['lint', '--update-baseline'], dir);
    expect(write.status).toBe(0);
    expect(write.stderr).toContain('wrote .stackc/lint-baseline.json: 2 findings recorded');
    const baseline = JSON.parse(readFileSync(join(dir, '.stackc/lint-baseline.json'), 'utf8'));
    expect(baseline.findings.map((f: Record<string, string>) => Object.keys(f).sort())).toEqual([['file', 'fingerprint', 'pointer', 'rule'], ['file', 'fingerprint', 'pointer', 'rule']]);
    const again = runCli(['lint', '--baseline', '.stackc/lint-baseline.json', '--max-warnings', '0'], dir);
    expect(again.status).toBe(0);
    expect(again.stdout).toContain('no problems (2 in the baseline)');
  });

  it('a missing or broken baseline is bad input', () => {
    const dir = project();
    expect(runCli(['lint', '--baseline', 'nope.json'], dir).stderr).toContain('the baseline nope.json does not exist');
    const broken = makeProject({ 'stack.yaml': readFileSync(join(dir, 'stack.yaml'), 'utf8'), 'b.json': '{"findings": 3}' });
    const r = runCli(['lint', '--baseline', 'b.json'], broken);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('it is not a stackc lint baseline');
  });
});

describe('stackc rules and explain', () => {
  it('rules lists every rule with both presets', () => {
    const r = runCli(['rules', '--format', 'json'], project());
    expect(JSON.parse(r.stdout).map((x: { id: string }) => x.id)).toEqual(RULES.map((x) => x.meta.id));
    expect(runCli(['rules'], project()).stdout).toMatch(/resource-limits\s+warn\s+warn\s+Containers declare a memory limit/);
  });

  it('explain prints the docs page; a typo gets a suggestion and exit 2', () => {
    const r = runCli(['explain', 'resource-limits'], project());
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(readFileSync(new URL('../../docs/rules/resource-limits.md', import.meta.url), 'utf8'));
    const typo = runCli(['explain', 'resorce-limits'], project());
    expect(typo.status).toBe(2);
    expect(typo.stderr).toContain('did you mean `resource-limits`?');
  });
});
