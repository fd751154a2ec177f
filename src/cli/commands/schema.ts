import schema from '../../../schema/stack.schema.json' with { type: 'json' };
import { EXIT } from '../exit-codes.js';
import type { Output } from '../output.js';

/** `stackc schema`: the JSON Schema of stack.yaml, for editors and other tools. */
export function runSchema(output: Output): number {
  output.out(JSON.stringify(schema, null, 2));
  return EXIT.ok;
}
