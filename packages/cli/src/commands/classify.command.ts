import type { Sensitivity } from '@longarm/contracts';
import { AppError } from '@longarm/core';
import type { CommandContext } from './context.ts';

const LEVELS = ['public', 'internal', 'restricted', 'protected'];

/** `author=protected` → ['author', 'protected']; `url=none` clears the field's own level. */
function parseField(
  spec: string,
  into: Record<string, Sensitivity | null>,
): Record<string, Sensitivity | null> {
  const at = spec.lastIndexOf('=');
  const field = spec.slice(0, at).trim();
  const level = spec.slice(at + 1).trim();
  if (at <= 0 || !(LEVELS.includes(level) || level === 'none')) {
    throw new AppError(
      'invalid_input',
      `--field takes field=level, e.g. author=protected (levels: ${LEVELS.join(', ')}, or none to clear); got "${spec}"`,
    );
  }
  return { ...into, [field]: level === 'none' ? null : (level as Sensitivity) };
}

export function registerClassifyCommand({ program, io, withCore, json }: CommandContext): void {
  program
    .command('classify')
    .description(
      'set the sensitivity of a document and of single fields (author, url, outlet, fileNames, metadata.<key>)',
    )
    .argument('<id>', 'document id (doc_…)')
    .option('--level <level>', `the whole document: ${LEVELS.join(', ')}`)
    .option(
      '--field <field=level>',
      'one field, e.g. author=protected; repeat for more; level none clears',
      parseField,
      {},
    )
    .option('--json', 'print the levels as JSON')
    .action(
      async (
        id: string,
        opts: { level?: string; field: Record<string, Sensitivity | null>; json?: boolean },
      ) => {
        if (opts.level !== undefined && !LEVELS.includes(opts.level)) {
          throw new AppError(
            'invalid_input',
            `--level must be one of ${LEVELS.join(', ')}, not "${opts.level}"`,
          );
        }
        if (opts.level === undefined && Object.keys(opts.field).length === 0) {
          throw new AppError(
            'invalid_input',
            'say what to set: --level <level> and/or --field <field=level>',
          );
        }
        const result = await withCore('longarm classify', (core) =>
          core.classify(id, {
            ...(opts.level ? { sensitivity: opts.level as Sensitivity } : {}),
            ...(Object.keys(opts.field).length > 0 ? { fields: opts.field } : {}),
          }),
        );
        const fields = Object.entries(result.fields).map(([f, l]) => `${f}=${l}`);
        io.out(
          opts.json
            ? json(result)
            : `${result.id}: ${result.sensitivity}${fields.length > 0 ? `; fields ${fields.join(', ')}` : ''}\n`,
        );
      },
    );
}
