import type { CliIo } from '../src/io.ts';
import { runCli } from '../src/program.ts';

export interface CliResult {
  code: number;
  out: string;
  err: string;
}

/** Runs the CLI in process with captured output, on the given data folder, with `stdin` as input. */
export async function runCliCaptured(dataDir: string, argv: string[], stdin = ''): Promise<CliResult> {
  let out = '';
  let err = '';
  const io: CliIo = {
    out: (t) => (out += t),
    err: (t) => (err += t),
    isTty: false,
    env: { LONGARM_DATA: dataDir },
    readStdin: () => Promise.resolve(stdin),
  };
  const code = await runCli(argv, io);
  return { code, out, err };
}
