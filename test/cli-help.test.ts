// `stackc --help` is where a new user starts: every command listed, each with examples that run.
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers.js';

const COMMANDS = ['validate', 'build', 'lint', 'rules', 'explain', 'diff', 'graph', 'import', 'schema', 'init'];

describe('stackc --help', () => {
  it('lists every command with its description, and an example of each', () => {
    const { status, stdout } = runCli(['--help']);
    expect(status).toBe(0);
    const [commands, examples] = [stdout.slice(stdout.indexOf('Commands:'), stdout.indexOf('Examples:')), stdout.slice(stdout.indexOf('Examples:'))];
    for (const name of COMMANDS) {
      expect(commands, name).toMatch(new RegExp(`^  ${name}\\b.*\\S`, 'm'));
      expect(examples, name).toMatch(new RegExp(`^  \\$ stackc ${name}\\b`, 'm'));
    }
    expect(stdout).toContain('Exit codes: 0 ok, 1 findings, 2 bad input or usage, 3 internal error.');
  });

  it.each(COMMANDS)('`stackc %s --help` shows its usage, options and examples', (name) => {
    const { status, stdout } = runCli([name, '--help']);
    expect(status).toBe(0);
    expect(stdout).toMatch(new RegExp(`^Usage: stackc ${name} `));
    expect(stdout).toMatch(/\nExamples:\n {2}\$ stackc /);
    const examples = stdout.slice(stdout.indexOf('Examples:')).split('\n').filter((l) => l.startsWith('  $ stackc '));
    for (const line of examples) expect(line, line).toMatch(new RegExp(`^  \\$ stackc ${name}\\b`));
  });

  it('an unknown command is a usage error that suggests the right one', () => {
    const { status, stderr } = runCli(['biuld']);
    expect(status).toBe(2);
    expect(stderr).toContain("unknown command 'biuld'");
    expect(stderr).toContain('(Did you mean build?)');
  });
});
