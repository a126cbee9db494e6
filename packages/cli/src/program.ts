import { Command, CommanderError } from 'commander';
import { AppError, loadConfig } from '@longarm/core';
import { openBackend, type Backend } from './backend.ts';
import { EXIT_CODE, EXIT_DONE, EXIT_NOTHING_DONE } from './exit-codes.ts';
import { ExitSignal, type CommandContext } from './commands/context.ts';
import { registerIngestCommand } from './commands/ingest.command.ts';
import { registerSearchCommand } from './commands/search.command.ts';
import { registerShowCommand } from './commands/show.command.ts';
import { registerExportCommand } from './commands/export.command.ts';
import { registerServeCommand } from './commands/serve.command.ts';
import { registerDemoCommand } from './commands/demo.command.ts';
import { registerRunsCommand } from './commands/runs.command.ts';
import { registerWorkerCommand } from './commands/worker.command.ts';
import { registerUsersCommand } from './commands/users.command.ts';
import { registerAuditCommand } from './commands/audit.command.ts';
import { registerTokensCommand } from './commands/tokens.command.ts';
import { registerDbCommand } from './commands/db.command.ts';
import { registerExtractCommand } from './commands/extract.command.ts';
import { registerNamesCommand } from './commands/names.command.ts';
import { registerEntitiesCommand } from './commands/entities.command.ts';
import { registerReviewCommand } from './commands/review.command.ts';
import { registerClassifyCommand } from './commands/classify.command.ts';
import type { CliIo } from './io.ts';

const json = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

/** The commander program; every command opens the core lazily and closes it when done. */
export function buildProgram(io: CliIo): Command {
  const program = new Command('longarm')
    .description('Investigate and document transnational repression: ingest, search and share evidence.')
    .option('--debug', 'print stack traces of errors')
    .showHelpAfterError()
    .configureOutput({ writeOut: (t) => io.out(t), writeErr: (t) => io.err(t) });

  const withCore = async <T>(holder: string, fn: (backend: Backend) => Promise<T>): Promise<T> => {
    const backend = await openBackend(loadConfig(io.env), holder);
    try {
      return await fn(backend);
    } finally {
      await backend.close();
    }
  };

  const ctx: CommandContext = { program, io, withCore, ExitSignal, json };
  registerIngestCommand(ctx);
  registerSearchCommand(ctx);
  registerShowCommand(ctx);
  registerExportCommand(ctx);
  registerServeCommand(ctx);
  registerDemoCommand(ctx);
  registerRunsCommand(ctx);
  registerWorkerCommand(ctx);
  registerUsersCommand(ctx);
  registerAuditCommand(ctx);
  registerTokensCommand(ctx);
  registerDbCommand(ctx);
  registerExtractCommand(ctx);
  registerNamesCommand(ctx);
  registerEntitiesCommand(ctx);
  registerReviewCommand(ctx);
  registerClassifyCommand(ctx);
  return program;
}

/** Runs the CLI and returns the exit code; never throws. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const program = buildProgram(io);
  program.exitOverride();
  const debug = argv.includes('--debug');
  try {
    await program.parseAsync(argv, { from: 'user' });
    return EXIT_DONE;
  } catch (e) {
    if (e instanceof ExitSignal) {
      return e.exitCode;
    }
    if (e instanceof CommanderError) {
      return e.exitCode === 0 ? EXIT_DONE : EXIT_NOTHING_DONE;
    }
    if (e instanceof AppError) {
      io.err(`longarm: ${e.message}\n`);
      if (debug) {
        io.err(`${e.stack ?? ''}\n`);
      }
      return EXIT_CODE[e.code];
    }
    io.err(
      `longarm: internal error: ${(e as Error).message}${debug ? `\n${(e as Error).stack ?? ''}` : ' (run again with --debug for details)'}\n`,
    );
    return EXIT_NOTHING_DONE;
  }
}
