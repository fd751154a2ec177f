// Bundle entry: run the CLI with the process arguments and exit with its code.
// `stackc --version` answers here, before the command line machinery (commander and the command
// table, main.ts) is loaded: editors and hooks ask for it on every start. main.ts gives the same
// answer, so the result does not depend on which path printed it.
import pkg from '../../package.json' with { type: 'json' };
import { endQuietlyOnClosedPipe } from './closed-pipe.js';

endQuietlyOnClosedPipe(process.stdout);
endQuietlyOnClosedPipe(process.stderr);
const argv = process.argv.slice(2);
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-v')) {
  process.stdout.write(`${pkg.version}\n`);
  process.exitCode = 0;
} else {
  process.exitCode = await (await import('./main.js')).main(argv);
}
