import type { Command } from 'commander';
import type { Backend } from '../backend.ts';
import type { CliIo } from '../io.ts';

/** Thrown by commands to end with an exit code after their output is written. */
export class ExitSignal extends Error {
  constructor(readonly exitCode: number) {
    super(`exit ${exitCode}`);
  }
}

/** What every command file gets: register with `program`, write through `io`, reach data with `withCore`. */
export interface CommandContext {
  program: Command;
  io: CliIo;
  /** Opens the store (or the running server's API), runs `fn`, closes. `holder` names us in the lock. */
  withCore: <T>(holder: string, fn: (backend: Backend) => Promise<T>) => Promise<T>;
  ExitSignal: typeof ExitSignal;
  json: (value: unknown) => string;
}
