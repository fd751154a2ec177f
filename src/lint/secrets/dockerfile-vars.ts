// `ARG NAME=default` and `ENV NAME=value` (and the legacy `ENV NAME value`) with the position of each
// value in the Dockerfile, for rules that report the value itself.
import { runStage, type Dockerfile, type Instruction, type Stage } from '../../dockerfile/dockerfile.js';

export interface DockerfileVar {
  keyword: 'ARG' | 'ENV';
  name: string;
  /** Unquoted; `undefined` for `ARG NAME` without a default. */
  value?: string;
  /** 1-based position of the value as written (of the name when there is no value). */
  line: number;
  col: number;
  endLine: number;
  endCol: number;
}

interface Char {
  ch: string;
  line: number;
  col: number;
}

/** The characters of an instruction after its keyword, continuation backslashes and comment lines removed. */
function argumentChars(text: string, ins: Instruction): Char[] {
  const lines = text.split(/\r?\n/);
  const out: Char[] = [];
  for (let l = ins.line; l <= ins.endLine; l++) {
    const raw = lines[l - 1] ?? '';
    if (l > ins.line && raw.trim().startsWith('#')) continue;
    let from = l === ins.line ? ins.col - 1 + ins.keyword.length : 0;
    let to = raw.length;
    if (/\\\s*$/.test(raw)) to = raw.replace(/\\\s*$/, '').length;
    for (; from < to; from++) out.push({ ch: raw[from]!, line: l, col: from + 1 });
    out.push({ ch: ' ', line: l, col: to + 1 });
  }
  return out;
}

interface Word {
  /** Text with quotes removed. */
  text: string;
  chars: Char[];
  /** Index in `text` of the first `=` outside quotes, or -1. */
  eq: number;
}

function words(chars: Char[]): Word[] {
  const out: Word[] = [];
  let current: Word | undefined;
  let quote: string | undefined;
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    if (!quote && /\s/.test(c.ch)) {
      if (current) out.push(current);
      current = undefined;
      continue;
    }
    current ??= { text: '', chars: [], eq: -1 };
    if (quote) {
      if (c.ch === quote) quote = undefined;
      else if (c.ch === '\\' && quote === '"' && i + 1 < chars.length) {
        i++;
        current.text += chars[i]!.ch;
        current.chars.push(chars[i]!);
      } else {
        current.text += c.ch;
        current.chars.push(c);
      }
      continue;
    }
    if (c.ch === '"' || c.ch === "'") {
      quote = c.ch;
      continue;
    }
    if (c.ch === '=' && current.eq < 0) current.eq = current.text.length;
    current.text += c.ch;
    current.chars.push(c);
  }
  if (current) out.push(current);
  return out;
}

const span = (chars: Char[]) => {
  const first = chars[0]!;
  const last = chars[chars.length - 1]!;
  return { line: first.line, col: first.col, endLine: last.line, endCol: last.col + 1 };
};

/** ARG and ENV of one instruction. */
export function instructionVars(text: string, ins: Instruction): DockerfileVar[] {
  if (ins.keyword !== 'ARG' && ins.keyword !== 'ENV') return [];
  const keyword = ins.keyword;
  const ws = words(argumentChars(text, ins));
  if (ws.length === 0) return [];
  if (keyword === 'ENV' && ws[0]!.eq < 0) {
    // Legacy `ENV NAME value with spaces`.
    const [name, ...rest] = ws;
    if (rest.length === 0) return [];
    const chars = rest.flatMap((w) => w.chars);
    return [{ keyword, name: name!.text, value: rest.map((w) => w.text).join(' '), ...span(chars) }];
  }
  return ws.map((w) => {
    if (w.eq < 0) return { keyword, name: w.text, ...span(w.chars) };
    const valueChars = w.chars.slice(w.eq + 1);
    const name = w.text.slice(0, w.eq);
    return { keyword, name, value: w.text.slice(w.eq + 1), ...(valueChars.length ? span(valueChars) : span(w.chars)) };
  });
}

/** ARG and ENV of the stage a service runs and of the stages it builds on (what ends up in the image's config and history). */
export function runStageVars(dockerfile: Dockerfile, target?: string): DockerfileVar[] {
  const stage = runStage(dockerfile, target);
  if (!stage) return [];
  const chain: Stage[] = [];
  for (let s: Stage | undefined = stage; s && chain.length <= dockerfile.stages.length; s = s.parent === undefined ? undefined : dockerfile.stages[s.parent]) chain.unshift(s);
  return chain.flatMap((s) => s.instructions.flatMap((ins) => instructionVars(dockerfile.text, ins)));
}

