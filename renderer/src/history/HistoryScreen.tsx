import { useEffect, useState } from 'react';
import type { HistoryEntry, HistoryFilter, HistoryPage } from '../../../common/history-schemas';
import type { BridgeError, Result } from '../../../common/result';
import { useBridge } from '../bridge/bridge-context';
import { ErrorNotice } from '../ui/ErrorNotice';
import { HistoryEntryCard } from './HistoryEntryCard';
import { HistoryFilters } from './HistoryFilters';
import { HistoryIntegrityNotice } from './HistoryIntegrityNotice';
import { HistorySettingsPanel } from './HistorySettingsPanel';
import { useHistoryNavigation } from './history-navigation';
import { TeamLogPanel } from '../team-log/TeamLogPanel';

// Every change saved from this computer, newest first, a page at a time (main never sends
// more than one page, whatever the size of the history), with filters, CSV export,
// revert, damage found in the files, and the history's settings.

export const HISTORY_PAGE_SIZE = 25;

type Query = { filter: HistoryFilter; offset: number; /** Bumped to read the same page again. */ attempt: number };
type Load = { query: Query; result: Result<HistoryPage> };

type HistoryScreenProps = { initialFilter: HistoryFilter; activeConnectionId: string | null };

export function HistoryScreen({ initialFilter, activeConnectionId }: HistoryScreenProps) {
  const bridge = useBridge();
  const { startRevert } = useHistoryNavigation();
  const [query, setQuery] = useState<Query>({ filter: initialFilter, offset: 0, attempt: 0 });
  const [load, setLoad] = useState<Load | null>(null);
  const [notice, setNotice] = useState('');
  const [actionError, setActionError] = useState<BridgeError | null>(null);
  const [busy, setBusy] = useState(false);
  const { filter, offset } = query;

  // Only the answer to the latest query is shown; a slower older one is dropped.
  useEffect(() => {
    let current = true;
    void bridge.listHistory({ filter: query.filter, page: { offset: query.offset, limit: HISTORY_PAGE_SIZE } }).then((result) => {
      if (current) setLoad({ query, result });
    });
    return () => {
      current = false;
    };
  }, [bridge, query]);

  const reload = () => setQuery((q) => ({ ...q, attempt: q.attempt + 1 }));
  const loading = load === null || load.query !== query;
  const failed = !loading && !load.result.ok ? load.result.error : null;

  const exportCsv = async () => {
    setBusy(true);
    setActionError(null);
    const result = await bridge.exportHistory({ filter });
    setBusy(false);
    if (!result.ok) return setActionError(result.error);
    setNotice(
      result.value.saved
        ? `Exported ${result.value.entries} ${result.value.entries === 1 ? 'change' : 'changes'} (${result.value.rows} rows, one per field) to ${result.value.path}.`
        : 'Export cancelled: nothing was saved.',
    );
  };

  const revert = async (entry: HistoryEntry) => {
    setBusy(true);
    setActionError(null);
    const result = await bridge.prepareRevert({ entryId: entry.id });
    setBusy(false);
    if (!result.ok) return setActionError(result.error);
    startRevert(result.value);
  };

  const page = !loading && load.result.ok ? load.result.value : null;
  const last = page ? Math.min(page.offset + page.entries.length, page.total) : 0;

  return (
    <div className="history-screen">
      <section className="panel" aria-labelledby="history-heading">
        <div className="panel-head">
          <h2 id="history-heading">Change history</h2>
          <button type="button" onClick={() => void exportCsv()} disabled={busy || !page || page.total === 0}>
            Export to CSV…
          </button>
        </div>
        <p className="hint">
          Every change sent to ConsCent from this computer, newest first. Export writes the changes shown by the filter, one row per field.
        </p>
        <HistoryFilters
          initial={initialFilter}
          connections={page?.connections ?? []}
          onApply={(next) => {
            setQuery((q) => ({ filter: next, offset: 0, attempt: q.attempt }));
            setNotice('');
          }}
        />
        <p role="status" aria-live="polite" className="status-slot">
          {notice}
        </p>
        {actionError ? <ErrorNotice error={actionError} context="history" /> : null}
      </section>

      {page && page.problemCount > 0 ? (
        <div className="notice notice-warning" role="alert">
          <p className="notice-summary">
            <span aria-hidden="true">⚠</span> The history files have {page.problemCount === 1 ? 'a problem' : `${page.problemCount} problems`}; every
            entry that could be read is shown. Keep a copy of the folder before changing anything in it.
          </p>
          <ul>
            {page.problems.map((problem, i) => (
              <li key={i}>
                {problem.file}
                {problem.line > 0 ? `, line ${problem.line}` : ''}
                {problem.entryId ? ` (change ${problem.entryId})` : ''}: {problem.problem}
              </li>
            ))}
          </ul>
        </div>
      ) : null}

      {page ? <HistoryIntegrityNotice page={page} /> : null}

      {loading ? <p className="loading">Loading the history…</p> : null}
      {failed ? (
        <ErrorNotice error={failed} context="history" title="The history could not be read." fixes={{ 'try-again': reload, refresh: reload }} />
      ) : null}
      {page ? (
        <section className="panel" aria-label="Changes">
          <p className="hint" aria-live="polite">
            {page.total === 0
              ? page.all === 0
                ? 'No change has been saved from this computer yet.'
                : 'No change matches these filters.'
              : `Showing ${page.offset + 1}–${last} of ${page.total} ${page.total === 1 ? 'change' : 'changes'}.`}
          </p>
          <ol className="history-list">
            {page.entries.map((entry) => (
              <HistoryEntryCard
                key={entry.id}
                entry={entry}
                activeConnectionId={activeConnectionId}
                onRevert={(e) => void revert(e)}
                reverting={busy}
              />
            ))}
          </ol>
          {page.total > HISTORY_PAGE_SIZE ? (
            <div className="button-row">
              <button
                type="button"
                onClick={() => setQuery((q) => ({ ...q, offset: Math.max(0, offset - HISTORY_PAGE_SIZE) }))}
                disabled={offset === 0}
              >
                Newer
              </button>
              <button type="button" onClick={() => setQuery((q) => ({ ...q, offset: offset + HISTORY_PAGE_SIZE }))} disabled={last >= page.total}>
                Older
              </button>
            </div>
          ) : null}
        </section>
      ) : null}

      <HistorySettingsPanel onCleared={reload} />
      <TeamLogPanel />
    </div>
  );
}
