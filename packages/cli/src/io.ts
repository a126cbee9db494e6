/** Where commands write; tests pass their own to capture output. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  isTty: boolean;
  env: Record<string, string | undefined>;
  /** All of standard input (for secrets that must not appear in argv). */
  readStdin?: () => Promise<string>;
}

export const processIo = (): CliIo => ({
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
  isTty: Boolean(process.stderr.isTTY),
  env: process.env,
  readStdin: async () => {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) {
      chunks.push(chunk as Buffer);
    }
    return Buffer.concat(chunks).toString('utf8');
  },
});
