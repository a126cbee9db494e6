import { readFile, writeFile } from 'node:fs/promises';
import type { Sensitivity } from '@longarm/contracts';
import { AppError, createCore, loadConfig } from '@longarm/core';
import type { CommandContext } from './context.ts';

const LEVELS: readonly Sensitivity[] = ['public', 'internal', 'restricted', 'protected'];

async function readInput(path: string, what: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new AppError(
      code === 'ENOENT' ? 'not_found' : 'invalid_input',
      `cannot read ${what} ${path}: ${code === 'ENOENT' ? 'no such file' : (e as Error).message}; give the path of a readable file`,
    );
  }
}

const number = (raw: string | undefined, name: string, min: number, max: number): number | undefined => {
  if (raw === undefined) {
    return undefined;
  }
  const n = Number(raw);
  if (!Number.isFinite(n) || n < min || n > max) {
    throw new AppError('invalid_input', `${name} must be a number from ${min} to ${max}, not "${raw}"`);
  }
  return n;
};

/**
 * `longarm screen <list.csv>` and `longarm entities import|export`: on the store directly (local
 * access to the data folder reads everything, like `audit`).
 */
export function registerEntitiesCommand({ program, io, json }: CommandContext): void {
  const withResolution = async <T>(
    holder: string,
    fn: (r: Awaited<ReturnType<typeof createCore>>['services']['resolution']) => Promise<T>,
  ): Promise<T> => {
    const core = await createCore(loadConfig(io.env), { holder });
    try {
      return await fn(core.services.resolution);
    } finally {
      await core.close();
    }
  };

  /** FtM import, shared by `entities import` and the contract's `import ftm`. */
  const importFtm = async (file: string, opts: { sensitivity: string; json?: boolean }): Promise<void> => {
    if (!LEVELS.includes(opts.sensitivity as Sensitivity)) {
      throw new AppError(
        'invalid_input',
        `--sensitivity must be one of ${LEVELS.join(', ')}, not "${opts.sensitivity}"`,
      );
    }
    const text = await readInput(file, 'the FtM file');
    const report = await withResolution('longarm entities import', (r) =>
      r.importFtm(text, { sensitivity: opts.sensitivity as Sensitivity }),
    );
    if (opts.json) {
      io.out(json(report));
      return;
    }
    io.out(
      `${report.imported} imported, ${report.skipped.length} skipped, ${report.failed.length} failed (of ${report.lines} lines)\n`,
    );
    for (const f of report.failed) {
      io.err(`line ${f.line}: ${f.error}\n`);
    }
  };

  program
    .command('screen')
    .description(
      'match every name of a CSV (header with name, optionally schema, birth_date, country, id) against the stored entities',
    )
    .argument('<list>', 'CSV file')
    .option('--json', 'print the results as JSON')
    .option('--threshold <score>', 'score from which a result counts as a match (0–1)')
    .option('--limit <n>', 'results per row', '3')
    .action(async (list: string, opts: { json?: boolean; threshold?: string; limit: string }) => {
      const threshold = number(opts.threshold, '--threshold', 0, 1);
      const limit = number(opts.limit, '--limit', 1, 100);
      const text = await readInput(list, 'the list');
      const rows = await withResolution('longarm screen', (r) =>
        r.screenCsv(text, {
          source: list,
          ...(threshold === undefined ? {} : { threshold }),
          ...(limit ? { limit } : {}),
        }),
      );
      if (opts.json) {
        io.out(json({ rows }));
        return;
      }
      const lines: string[] = [];
      for (const row of rows) {
        lines.push(`row ${row.row}: ${row.name}${row.id ? ` (${row.id})` : ''}`);
        if (row.error) {
          lines.push(`  error: ${row.error}`);
        } else if (row.results.length === 0) {
          lines.push('  no candidates');
        }
        for (const m of row.results) {
          const why = m.explanation.features
            .filter((f) =>
              ['token_alignment', 'birth_date', 'country', 'script', 'conflict'].includes(f.name),
            )
            .map((f) => `${f.name}: ${f.note}`)
            .join('; ');
          lines.push(
            `  ${m.score.toFixed(3)} ${m.match ? 'MATCH' : '     '} ${m.id} ${m.schema} "${m.caption}" via "${m.explanation.matchedName}" — ${why}`,
          );
        }
      }
      io.out(`${lines.join('\n')}\n`);
    });

  const entities = program.command('entities').description('entities: FollowTheMoney import and export');
  entities
    .command('import')
    .description(
      'import FollowTheMoney entities (one JSON object per line); bad lines are reported, not fatal',
    )
    .argument('<file>', 'JSON-lines file')
    .option('--sensitivity <level>', `level of the imported entities (${LEVELS.join(', ')})`, 'internal')
    .option('--json', 'print the report as JSON')
    .action(importFtm);
  entities
    .command('export')
    .description('export the resolved entities (merged ones folded in) as FollowTheMoney JSON lines')
    .option('--format <format>', 'output format (ftm)', 'ftm')
    .option('--out <file>', 'write here instead of stdout')
    .action(async (opts: { format: string; out?: string }) => {
      if (opts.format !== 'ftm') {
        throw new AppError('invalid_input', `--format ${opts.format} is not supported; use ftm`);
      }
      const lines: string[] = [];
      await withResolution('longarm entities export', async (r) => {
        for await (const line of r.exportFtm()) {
          if (opts.out) {
            lines.push(line);
          } else {
            io.out(line);
          }
        }
      });
      if (opts.out) {
        await writeFile(opts.out, lines.join(''));
        io.err(`${lines.length} entities → ${opts.out}\n`);
      }
    });
  program
    .command('import')
    .description(
      'import records: ftm (FollowTheMoney JSON lines); facilities and list arrive with the case model',
    )
    .argument('<kind>', 'ftm')
    .argument('<file>', 'the file to import')
    .option('--sensitivity <level>', `level of the imported records (${LEVELS.join(', ')})`, 'internal')
    .option('--json', 'print the report as JSON')
    .action(async (kind: string, file: string, opts: { sensitivity: string; json?: boolean }) => {
      if (kind === 'ftm') {
        await importFtm(file, opts);
        return;
      }
      if (kind === 'facilities' || kind === 'list') {
        throw new AppError(
          'unavailable',
          `import ${kind} is not in this version yet (it comes with the case model); import ftm works today`,
        );
      }
      throw new AppError('invalid_input', `unknown kind "${kind}"; use ftm`);
    });
}
