export { buildProgram, runCli } from './program.ts';
export type { CliIo } from './io.ts';
