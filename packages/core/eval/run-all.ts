/** `npm run eval`: every evaluation script, printed as Markdown. Add yours to EVALS. */
import { runExtractEval } from './extract.eval.ts';

const EVALS: [string, () => string | Promise<string>][] = [['extract', runExtractEval]];

for (const [name, run] of EVALS) {
  process.stdout.write(`# eval: ${name}\n\n${await run()}\n\n`);
}
