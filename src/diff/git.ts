// Reading other revisions with git (the only part of diff that runs a program). Every failure a
// user can fix (not a repository, an unknown ref, a shallow clone without the commit) is a
// UserError with a hint, so the CLI prints it and exits 2.
import { execFileSync } from 'node:child_process';
import { realpathSync } from 'node:fs';
import { relative, sep } from 'node:path';
import { UserError, type Diagnostic } from '../diagnostics/diagnostic.js';

const fail = (message: string, hint: string, code = 'git'): UserError => new UserError([{ severity: 'error', code, message, hint } satisfies Diagnostic]);

/** Upper bound for one file read from git (stack files are limited to 5 MiB; plugins likewise). */
const MAX_BLOB = 16 * 1024 * 1024;

export class Git {
  private constructor(readonly root: string) {}

  /** The repository holding `dir`. */
  static open(dir: string): Git {
    let out: string;
    try {
      out = run(dir, ['rev-parse', '--show-toplevel']).toString('utf8').trim();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw fail('git is not installed (or not on PATH), and `--base` reads other revisions with it', 'install git, or compare against the disk with plain `stackc diff`');
      throw fail(`${dir} is not inside a git repository, so there is no \`--base\` to compare with`, 'run it in a clone, or compare against the disk with plain `stackc diff`');
    }
    return new Git(realpathSync(out));
  }

  /** A path inside the working tree, as git names it (`/`-separated, from the top). */
  pathOf(absolute: string): string {
    let real: string;
    try {
      real = realpathSync(absolute);
    } catch {
      real = absolute;
    }
    const rel = relative(this.root, real);
    if (rel.startsWith('..')) throw fail(`${absolute} is outside the git repository at ${this.root}`, 'run stackc inside the repository that holds stack.yaml');
    return rel.split(sep).join('/');
  }

  isShallow(): boolean {
    try {
      return run(this.root, ['rev-parse', '--is-shallow-repository']).toString('utf8').trim() === 'true';
    } catch {
      return false;
    }
  }

  /** The commit a ref names, or a UserError that says how to get it. */
  resolve(ref: string, option: string): string {
    if (ref === '' || ref.startsWith('-') || /[\s\0]/.test(ref)) throw fail(`\`${option} ${ref}\` is not a git ref`, 'name a branch, tag or commit, e.g. `--base origin/main`', 'usage');
    try {
      return run(this.root, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]).toString('utf8').trim();
    } catch {
      const branch = ref.replace(/^(refs\/remotes\/)?origin\//, '').replace(/^refs\/heads\//, '');
      if (this.isShallow()) {
        const relative = /[~^@{}:]/.test(ref) || ref === 'HEAD' || ref.startsWith('HEAD');
        const fetch = relative ? '`git fetch --deepen=100` (or `git fetch --unshallow`)' : `\`git fetch --depth=1 origin ${branch}\``;
        throw fail(
          `\`${ref}\` is not in this shallow clone (${option}): its commit was not fetched`,
          `fetch it first: ${fetch}; in GitHub Actions, check out with \`fetch-depth: 0\` (actions/checkout), or fetch the base branch in a step before \`stackc diff\``,
          'git-shallow',
        );
      }
      throw fail(
        `unknown git ref \`${ref}\` (${option})`,
        ref.includes('/') ? `check the name (\`git branch -a\`); a remote branch must be fetched first: \`git fetch origin ${branch}\`` : 'check the name with `git branch -a` or `git log --oneline`',
        'git-ref',
      );
    }
  }

  /** A file's bytes at a commit, or `undefined` when the commit has no such file. */
  read(commit: string, path: string): Buffer | undefined {
    let listing: string;
    try {
      listing = run(this.root, ['ls-tree', '-z', commit, '--', path]).toString('utf8');
    } catch {
      return undefined;
    }
    const entry = listing.split('\0').find((l) => l.endsWith(`\t${path}`));
    if (!entry) return undefined;
    const [mode, type, oid] = entry.split('\t')[0]!.split(' ') as [string, string, string];
    if (type !== 'blob') return undefined;
    if (mode === '120000') throw fail(`${path} is a symbolic link at ${commit.slice(0, 12)}; stackc reads only regular files from git`, 'point `-f` at the file itself');
    return run(this.root, ['cat-file', 'blob', oid]);
  }

  short(commit: string): string {
    return commit.slice(0, 7);
  }
}

function run(cwd: string, args: string[]): Buffer {
  return execFileSync('git', args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: MAX_BLOB, env: { ...process.env, GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' } });
}
