import { readFile, writeFile } from 'node:fs/promises';
import { AppError, compareNames, scoreNamePairsCsv } from '@longarm/core';
import type { CommandContext } from './context.ts';

/** `longarm names compare|explain`: pure computation, never opens the store. */
export function registerNamesCommand({ program, io, json }: CommandContext): void {
  const names = program.command('names').description('compare names across scripts and spellings');

  names
    .command('compare')
    .description(
      'score name pairs from a CSV (header with name1,name2[,schema]); adds score and match columns',
    )
    .requiredOption('--in <file>', 'CSV of pairs')
    .option('--out <file>', 'write the scored CSV here instead of stdout')
    .action(async (opts: { in: string; out?: string }) => {
      let text: string;
      try {
        text = await readFile(opts.in, 'utf8');
      } catch (e) {
        throw new AppError(
          'invalid_input',
          `cannot read --in ${opts.in}: ${(e as Error).message}; give an existing CSV file`,
        );
      }
      const result = scoreNamePairsCsv(text, opts.in);
      if (opts.out) {
        await writeFile(opts.out, result.csv);
        io.err(`scored ${result.rows} pairs (${result.matches} matches) → ${opts.out}\n`);
      } else {
        io.out(result.csv);
      }
    });

  names
    .command('explain')
    .description('show the features behind the score of one pair of names')
    .argument('<name1>', 'first name')
    .argument('<name2>', 'second name')
    .option('--schema <schema>', 'Person, Organization, Company, PublicBody, LegalEntity …')
    .option('--json', 'print the comparison as JSON')
    .action((name1: string, name2: string, opts: { schema?: string; json?: boolean }) => {
      const r = compareNames(name1, name2, opts.schema);
      if (opts.json) {
        io.out(json({ name1, name2, schema: opts.schema ?? null, ...r }));
        return;
      }
      const lines = [
        `${name1}  ↔  ${name2}${opts.schema ? `  (${opts.schema})` : ''}`,
        `score ${r.score.toFixed(3)}  match ${r.match}  (threshold ${r.threshold})`,
        ...r.features.map((f) => `  ${f.name.padEnd(18)} ${f.value.toFixed(3)}  w=${f.weight}  ${f.note}`),
      ];
      io.out(`${lines.join('\n')}\n`);
    });
}
