import type { RunResponse } from '@longarm/contracts';
import type { ReactNode } from 'react';
import { getRun, listRuns } from '../../api/client.ts';
import { Link } from '../../app/router.tsx';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { useApi } from '../../ui/use-api.ts';
import { useDocumentTitle } from '../../ui/use-document-title.ts';

const count = (r: RunResponse, key: 'ingested' | 'duplicates' | 'failed'): number =>
  r.report[key]?.length ?? 0;
const when = (iso: string | null): string => (iso ? new Date(iso).toLocaleString() : '—');

/** Every ingest run, newest first, with what it did. */
export function RunsPage(): ReactNode {
  useDocumentTitle('Ingest runs');
  const state = useApi('runs', (signal) => listRuns(signal));
  return (
    <main id="main" className="runs-page" tabIndex={-1}>
      <h1>Ingest runs</h1>
      {state.status === 'error' && <ErrorNotice title="The runs could not be loaded" error={state.error} />}
      {state.data && state.data.runs.length === 0 && <p>No ingest runs yet.</p>}
      {state.data && state.data.runs.length > 0 && (
        <table className="runs-table" data-testid="runs-table">
          <thead>
            <tr>
              <th scope="col">Started</th>
              <th scope="col">Command</th>
              <th scope="col">Ingested</th>
              <th scope="col">Duplicates</th>
              <th scope="col">Failed</th>
              <th scope="col">Finished</th>
            </tr>
          </thead>
          <tbody>
            {state.data.runs.map((r) => (
              <tr key={r.id}>
                <td>
                  <Link to={`/runs/${encodeURIComponent(r.id)}`}>{when(r.startedAt)}</Link>
                </td>
                <td className="runs-command">{r.command}</td>
                <td>{count(r, 'ingested')}</td>
                <td>{count(r, 'duplicates')}</td>
                <td className={count(r, 'failed') > 0 ? 'runs-failed' : undefined}>{count(r, 'failed')}</td>
                <td>{r.finishedAt ? when(r.finishedAt) : 'interrupted or running'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </main>
  );
}

/** One run: each failure with its reason first, then warnings, then what was stored. */
export function RunPage({ id }: { id: string }): ReactNode {
  useDocumentTitle('Ingest run');
  const state = useApi(`run:${id}`, (signal) => getRun(id, signal));
  const r = state.data;
  return (
    <main id="main" className="runs-page" tabIndex={-1}>
      <p>
        <Link to="/runs">← All runs</Link>
      </p>
      <h1>Ingest run</h1>
      {state.status === 'error' && <ErrorNotice title="The runs could not be loaded" error={state.error} />}
      {r && (
        <>
          <p className="runs-command">{r.command}</p>
          <p>
            Started {when(r.startedAt)}, {r.finishedAt ? `finished ${when(r.finishedAt)}` : 'not finished'}:{' '}
            {count(r, 'ingested')} ingested, {count(r, 'duplicates')} duplicates, {count(r, 'failed')} failed.
          </p>
          {count(r, 'failed') > 0 && (
            <section>
              <h2>Failed</h2>
              <ul className="runs-list" data-testid="runs-failed">
                {r.report.failed?.map((f) => (
                  <li key={f.path}>
                    <code>{f.path}</code>: {f.message} <span className="runs-code">[{f.code}]</span>
                  </li>
                ))}
              </ul>
            </section>
          )}
          {(r.report.warnings?.length ?? 0) > 0 && (
            <section>
              <h2>Warnings</h2>
              <ul className="runs-list">
                {r.report.warnings?.map((w, i) => (
                  <li key={`${w.path}-${i}`}>
                    <code>{w.path}</code>
                    {w.where ? ` (${w.where})` : ''}: {w.message}
                  </li>
                ))}
              </ul>
            </section>
          )}
          <section>
            <h2>Stored</h2>
            <ul className="runs-list">
              {r.report.ingested?.map((i) => (
                <li key={i.path}>
                  <Link to={`/documents/${encodeURIComponent(i.id)}`}>{i.title || i.path}</Link>{' '}
                  <code>{i.path}</code> <span className="runs-code">{i.language}</span>
                </li>
              ))}
            </ul>
          </section>
        </>
      )}
    </main>
  );
}
