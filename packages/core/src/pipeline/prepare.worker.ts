// Worker-thread entry: prepares documents sent by the ingest writer. Never opens the database.
import { parentPort } from 'node:worker_threads';
import { AppError } from '../domain/errors.ts';
import { prepareDocument, type PrepareJob } from './prepare.ts';

interface Request {
  id: number;
  job: PrepareJob;
}

parentPort?.on('message', (msg: Request) => {
  prepareDocument(msg.job).then(
    (prepared) => {
      const transfer = (prepared.parsed.children ?? []).map((c) => c.bytes.buffer as ArrayBuffer);
      parentPort?.postMessage(
        { id: msg.id, prepared },
        transfer.filter((b, i, all) => all.indexOf(b) === i),
      );
    },
    (e: unknown) => {
      const error =
        e instanceof AppError
          ? { code: e.code, message: e.message, app: true }
          : { code: 'internal', message: (e as Error).message, app: false };
      parentPort?.postMessage({ id: msg.id, error });
    },
  );
});
