/** `npm run eval`: every evaluation script, printed as Markdown. Add yours to EVALS. */
import { runExtractEval } from './extract.eval.ts';
import { runStoriesEval } from './stories.eval.ts';
import { runLanguageEval } from './language.eval.ts';

const EVALS: [string, () => string | Promise<string>][] = [
  ['extract', runExtractEval],
  ['stories', runStoriesEval],
  ['language', runLanguageEval],
];

for (const [name, run] of EVALS) {
  process.stdout.write(`# eval: ${name}\n\n${await run()}\n\n`);
}
