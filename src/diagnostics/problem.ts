// A problem at a node of stack.yaml, before it has a position: what the deployment model, targets
// and plugins report. The build turns each into a Diagnostic at file:line:col.
import type { DataPath } from '../model/stack.js';
import type { Severity } from './diagnostic.js';

export interface Problem {
  severity: Severity;
  /** Stable, e.g. `compose/managed-resource`. */
  code: string;
  message: string;
  /** The stack.yaml node it is about. */
  path?: DataPath;
  hint?: string;
}

export type Report = (problem: Problem) => void;
