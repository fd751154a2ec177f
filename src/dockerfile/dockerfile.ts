// A deliberately tiny Dockerfile reader: instructions with positions, build stages, and what the
// stage a service runs ends up with (USER, HEALTHCHECK). Enough for the deployment model (who a
// service runs as) and the lint rules that read Dockerfiles; anything deeper is hadolint's job,
// which the docs recommend alongside stackc.

export interface Instruction {
  /** Upper-case keyword: `FROM`, `USER`, ... */
  keyword: string;
  /** Everything after the keyword, continuation lines joined with a space, comments dropped. */
  args: string;
  /** 1-based position of the keyword. */
  line: number;
  col: number;
  /** End of the instruction's last line (exclusive column). */
  endLine: number;
  endCol: number;
}

export interface Stage {
  index: number;
  /** The FROM instruction. */
  from: Instruction;
  /** The base image as written (`node:20-slim`, `${BASE}`, or an earlier stage's name). */
  image: string;
  /** `AS <name>`, lower-cased as Docker treats it. */
  name?: string;
  /** The earlier stage this one builds on (`FROM build AS runtime`), if any. */
  parent?: number;
  instructions: Instruction[];
}

export interface Dockerfile {
  /** Project-relative, `/`-separated path, as findings show it. */
  file: string;
  text: string;
  instructions: Instruction[];
  stages: Stage[];
  /** ARG defaults declared before the first FROM (they may appear in FROM lines). */
  globalArgs: Record<string, string>;
}

/** Parses Dockerfile text. Never throws: unknown or malformed lines become instructions or are skipped. */
export function parseDockerfile(file: string, text: string): Dockerfile {
  const instructions = readInstructions(text);
  const stages: Stage[] = [];
  const globalArgs: Record<string, string> = {};
  for (const ins of instructions) {
    if (ins.keyword === 'FROM') {
      const { image, name } = parseFrom(ins.args);
      const parent = stages.findIndex((s) => s.name !== undefined && s.name === image.toLowerCase());
      stages.push({ index: stages.length, from: ins, image, ...(name ? { name } : {}), ...(parent >= 0 ? { parent } : {}), instructions: [] });
    } else if (stages.length === 0) {
      if (ins.keyword === 'ARG') {
        const [key, ...rest] = ins.args.split('=');
        if (key && rest.length > 0) globalArgs[key.trim()] = unquote(rest.join('=').trim());
      }
    } else {
      stages[stages.length - 1]!.instructions.push(ins);
    }
  }
  return { file, text, instructions, stages, globalArgs };
}

/** The stage a build runs: the one named by `build.target`, else the last. */
export function runStage(dockerfile: Dockerfile, target?: string): Stage | undefined {
  if (target) {
    const named = dockerfile.stages.find((s) => s.name === target.toLowerCase());
    if (named) return named;
  }
  return dockerfile.stages[dockerfile.stages.length - 1];
}

/** The last instruction with `keyword` in a stage or the stages it builds on within this file. */
export function inherited(dockerfile: Dockerfile, stage: Stage, keyword: string): Instruction | undefined {
  for (const s of stageChain(dockerfile, stage).reverse()) {
    const found = s.instructions.findLast((i) => i.keyword === keyword);
    if (found) return found;
  }
  return undefined;
}

/** `HEALTHCHECK NONE` turns off any healthcheck the base image had. */
export const isHealthcheckNone = (instruction: Instruction): boolean => /^none\b/i.test(instruction.args.trim());

/** The stage and the stages it builds on in this file, oldest first. */
export function stageChain(file: Dockerfile, stage: Stage): Stage[] {
  const out: Stage[] = [];
  for (let s: Stage | undefined = stage, hops = 0; s && hops <= file.stages.length; s = s.parent === undefined ? undefined : file.stages[s.parent], hops++) out.unshift(s);
  return out;
}

/**
 * Resolves `$VAR`, `${VAR}` and `${VAR:-default}` from the build args, then ARG and ENV defaults in
 * the stage chain and before the first FROM. `undefined` when a variable has no value here.
 */
export function expandVariables(text: string, file: Dockerfile, stage: Stage, buildArgs: Record<string, string>): string | undefined {
  if (!text.includes('$')) return text;
  const defaults: Record<string, string> = { ...file.globalArgs };
  for (const s of stageChain(file, stage)) {
    for (const ins of s.instructions) {
      if (ins.keyword !== 'ARG' && ins.keyword !== 'ENV') continue;
      const m = /^([A-Za-z_][A-Za-z0-9_]*)[= ](.+)$/.exec(ins.args.trim());
      if (m) defaults[m[1]!] = m[2]!.trim().replace(/^(["'])(.*)\1$/, '$2');
    }
  }
  let unresolved = false;
  const out = text.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)(?::?-([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (_, braced: string | undefined, fallback: string | undefined, bare: string | undefined) => {
    const name = (braced ?? bare)!;
    const value = buildArgs[name] ?? defaults[name] ?? fallback;
    if (value === undefined) unresolved = true;
    return value ?? '';
  });
  return unresolved || out === '' ? undefined : out;
}

function parseFrom(args: string): { image: string; name?: string } {
  const words = args.split(/\s+/).filter((w) => w && !w.startsWith('--'));
  const image = words[0] ?? '';
  const as = words.findIndex((w) => w.toLowerCase() === 'as');
  return as > 0 && words[as + 1] ? { image, name: words[as + 1]!.toLowerCase() } : { image };
}

const unquote = (s: string): string => (/^(["']).*\1$/.test(s) ? s.slice(1, -1) : s);

/** Splits text into instructions, joining `\` continuations and skipping comments and blank lines. */
function readInstructions(text: string): Instruction[] {
  const lines = text.split(/\r?\n/);
  const out: Instruction[] = [];
  let current: { keyword: string; parts: string[]; line: number; col: number } | undefined;
  let endLine = 0;
  let endCol = 0;
  const finish = () => {
    if (current) out.push({ keyword: current.keyword, args: current.parts.join(' ').trim(), line: current.line, col: current.col, endLine, endCol });
    current = undefined;
  };
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!;
    const trimmed = raw.trim();
    if (trimmed.startsWith('#') || (trimmed === '' && current === undefined)) continue;
    if (trimmed === '' && current) continue; // blank lines inside a continuation are allowed (with a warning in Docker)
    const continued = /\\\s*$/.test(raw);
    const body = continued ? raw.replace(/\\\s*$/, '') : raw;
    if (current === undefined) {
      const match = /^(\s*)([A-Za-z]+)(\s+|$)(.*)$/.exec(body);
      if (!match) continue;
      current = { keyword: match[2]!.toUpperCase(), parts: [match[4]!], line: i + 1, col: match[1]!.length + 1 };
    } else {
      current.parts.push(body.trim());
    }
    endLine = i + 1;
    endCol = raw.length + 1;
    if (!continued) finish();
  }
  finish();
  return out;
}
