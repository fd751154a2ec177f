// Bundle entry: run the CLI with the process arguments and exit with its code.
import { main } from './main.js';

process.exitCode = await main(process.argv.slice(2));
