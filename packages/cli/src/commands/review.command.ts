import {
  AppError,
  createCore,
  loadConfig,
  REVIEW_KINDS,
  REVIEW_STATUSES,
  type ReviewItem,
  type ReviewKind,
  type ReviewService,
  type ReviewStatus,
} from '@longarm/core';
import type { CommandContext } from './context.ts';

const oneOf =
  <T extends string>(values: readonly T[], flag: string) =>
  (v: string | undefined) => {
    if (v === undefined) {
      return undefined;
    }
    if (!(values as readonly string[]).includes(v)) {
      throw new AppError('invalid_input', `${flag} takes one of ${values.join(', ')}, not "${v}"`);
    }
    return v as T;
  };

const line = (i: ReviewItem): string => {
  const value =
    i.kind === 'claim' && i.value && typeof i.value === 'object'
      ? ` ${JSON.stringify(Object.fromEntries(Object.entries(i.value).filter(([k]) => k !== 'evidence')))}`
      : '';
  const quote = i.text.length > 60 ? `${i.text.slice(0, 57)}…` : i.text;
  return `${i.id}  ${i.status.padEnd(8)} ${i.kind.padEnd(7)} ${i.type.padEnd(12)} ${i.documentId}:${i.start}-${i.end}  "${quote.replace(/\s+/g, ' ')}"${value}\n`;
};

/**
 * `longarm review list|accept|reject|edit`: the queue of machine suggestions, on the store
 * directly (local access to the data folder is full access); every decision is audited as `local`.
 */
export function registerReviewCommand({ program, io, json }: CommandContext): void {
  const review = program.command('review').description('the review queue of extracted mentions and claims');
  const withReview = async <T>(fn: (r: ReviewService) => Promise<T>) => {
    const core = await createCore(loadConfig(io.env), { holder: 'longarm review' });
    try {
      return await fn(core.services.review);
    } finally {
      await core.close();
    }
  };
  review
    .command('list')
    .description('suggestions by document and position')
    .option('--document <id>', 'of one document')
    .option('--kind <kind>', `${REVIEW_KINDS.join(' or ')}`)
    .option('--status <status>', `${REVIEW_STATUSES.join(', ')} (default: pending)`, 'pending')
    .option('--limit <n>', 'how many', '100')
    .option('--json', 'print as JSON')
    .action(
      async (opts: { document?: string; kind?: string; status: string; limit: string; json?: boolean }) => {
        const limit = Number(opts.limit);
        if (!Number.isInteger(limit) || limit < 1 || limit > 1000) {
          throw new AppError(
            'invalid_input',
            `--limit takes a whole number from 1 to 1000, not "${opts.limit}"`,
          );
        }
        const kind: ReviewKind | undefined = oneOf(REVIEW_KINDS, '--kind')(opts.kind);
        const status: ReviewStatus | undefined = oneOf(REVIEW_STATUSES, '--status')(opts.status);
        const found = await withReview((r) =>
          r.list({
            limit,
            ...(kind ? { kind } : {}),
            ...(status ? { status } : {}),
            ...(opts.document ? { document: opts.document } : {}),
          }),
        );
        io.out(
          opts.json
            ? json(found)
            : `${found.items.map(line).join('')}${found.items.length} of ${found.total} shown\n`,
        );
      },
    );
  for (const action of ['accept', 'reject'] as const) {
    review
      .command(action)
      .description(`${action} suggestions (all or none)`)
      .argument('<ids...>', 'suggestion ids (men_… or clm_…)')
      .option('--note <text>', 'why')
      .option('--json', 'print the suggestions after the decision as JSON')
      .action(async (ids: string[], opts: { note?: string; json?: boolean }) => {
        const items = await withReview((r) =>
          ids.length === 1 && ids[0] !== undefined
            ? r.decide(ids[0], { action, ...(opts.note ? { note: opts.note } : {}) }).then((i) => [i])
            : r.decideMany(ids, { action, ...(opts.note ? { note: opts.note } : {}) }),
        );
        io.out(opts.json ? json(items) : items.map(line).join(''));
      });
  }
  review
    .command('edit')
    .description('correct a suggestion: a new span (its text is read from the document) and/or a value')
    .argument('<id>', 'suggestion id')
    .option('--start <n>', 'new span start (UTF-16 offset)')
    .option('--end <n>', 'new span end')
    .option('--type <type>', 'another mention type')
    .option('--value <json>', 'another claim value, as JSON')
    .option('--note <text>', 'why')
    .option('--json', 'print the suggestion after the decision as JSON')
    .action(
      async (
        id: string,
        opts: { start?: string; end?: string; type?: string; value?: string; note?: string; json?: boolean },
      ) => {
        let value: unknown;
        if (opts.value !== undefined) {
          try {
            value = JSON.parse(opts.value) as unknown;
          } catch {
            throw new AppError(
              'invalid_input',
              `--value must be JSON, e.g. '{"value": 54}', not ${opts.value}`,
            );
          }
        }
        const correction = {
          ...(opts.start === undefined ? {} : { start: Number(opts.start) }),
          ...(opts.end === undefined ? {} : { end: Number(opts.end) }),
          ...(opts.type === undefined ? {} : { type: opts.type }),
          ...(value === undefined ? {} : { value }),
        };
        const item = await withReview((r) =>
          r.decide(id, { action: 'edit', correction, ...(opts.note ? { note: opts.note } : {}) }),
        );
        io.out(opts.json ? json(item) : line(item));
      },
    );
}
