import { run } from './cli/run.js';

// The process entry: `mlbrief …` and `npm start` land here.
process.exitCode = await run(process.argv.slice(2));
