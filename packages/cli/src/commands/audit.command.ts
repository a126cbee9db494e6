import { readFileSync } from 'node:fs';
import { AppError, createCore, loadConfig, type AuditCheckpoint } from '@longarm/core';
import { EXIT_NOTHING_DONE } from '../exit-codes.ts';
import type { CommandContext } from './context.ts';

/**
 * The audit log, read on the store directly: local access to the data folder is full access. The
 * key comes from LONGARM_AUDIT_KEY or the folder's audit.key, exactly as the server uses it.
 */
export function registerAuditCommand({ program, io, json, ExitSignal }: CommandContext): void {
  const audit = program.command('audit').description('the tamper-evident audit log');
  const withAudit = async <T>(
    fn: (a: Awaited<ReturnType<typeof createCore>>['services']['audit']) => Promise<T>,
  ) => {
    const core = await createCore(loadConfig(io.env), { holder: 'longarm audit' });
    try {
      return await fn(core.services.audit);
    } finally {
      await core.close();
    }
  };
  audit
    .command('verify')
    .description('recompute the hash chain and check the stored checkpoints (exit 1 when broken)')
    .option('--checkpoint <file>', 'also check a checkpoint kept elsewhere (JSON from `audit checkpoint`)')
    .option('--json', 'print the verdict as JSON')
    .action(async (opts: { checkpoint?: string; json?: boolean }) => {
      const kept = opts.checkpoint ? readCheckpoint(opts.checkpoint) : undefined;
      const verdict = await withAudit((a) => (kept ? a.checkCheckpoint(kept) : a.verify()));
      if (opts.json) {
        io.out(json(verdict));
      } else if (verdict.ok) {
        io.out(`ok, ${verdict.entries} entries\n`);
      } else {
        io.out(`broken at seq ${verdict.brokenSeq}: ${verdict.reason}\n`);
      }
      if (!verdict.ok) {
        throw new ExitSignal(EXIT_NOTHING_DONE);
      }
    });
  audit
    .command('checkpoint')
    .description('sign the end of the chain and print it as JSON, to keep outside this machine')
    .action(async () => {
      io.out(json(await withAudit((a) => a.checkpoint())));
    });
  audit
    .command('list')
    .description('the newest entries')
    .option('--limit <n>', 'how many', '50')
    .option('--json', 'print as JSON')
    .action(async (opts: { limit: string; json?: boolean }) => {
      const limit = Number(opts.limit);
      if (!Number.isInteger(limit) || limit < 1) {
        throw new AppError('invalid_input', `--limit must be a positive whole number, not "${opts.limit}"`);
      }
      const entries = await withAudit((a) => a.recent(limit));
      io.out(
        opts.json
          ? json(entries)
          : entries
              .map(
                (e) =>
                  `${e.seq}\t${e.at}\t${e.actor}\t${e.action}${e.recordId ? `\t${e.recordKind ?? ''}:${e.recordId}` : ''}\n`,
              )
              .join(''),
      );
    });
}

function readCheckpoint(path: string): AuditCheckpoint {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new AppError('invalid_input', `cannot read the checkpoint ${path}: ${(e as Error).message}`);
  }
  const c = value as Partial<AuditCheckpoint>;
  if (
    typeof c.seq !== 'number' ||
    typeof c.hash !== 'string' ||
    typeof c.at !== 'string' ||
    typeof c.signature !== 'string'
  ) {
    throw new AppError(
      'invalid_input',
      `${path} is not a checkpoint printed by \`longarm audit checkpoint\``,
    );
  }
  return { seq: c.seq, hash: c.hash, at: c.at, signature: c.signature };
}
