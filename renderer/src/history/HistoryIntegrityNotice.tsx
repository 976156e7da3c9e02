import type { HistoryPage } from '../../../common/history-schemas';
import { eventText, integrityLines } from './history-integrity-text';

// Above the list: how far the history can be trusted, and what was done to it as a whole
// (cleared, purged, retention changed, damage found, key lost), newest first.

export function HistoryIntegrityNotice({ page }: { page: HistoryPage }) {
  const lines = page.integrity ? integrityLines(page.integrity) : [];
  const events = page.events ?? [];
  return (
    <>
      {lines.length > 0 ? (
        <div className="notice notice-warning" role="status" aria-label="How far this history can be trusted">
          {lines.map((line, i) => (
            <p key={i}>{line}</p>
          ))}
        </div>
      ) : null}
      {events.length > 0 ? (
        <section className="panel" aria-labelledby="history-events-heading">
          <h2 id="history-events-heading">Done to the history as a whole</h2>
          <ul className="history-events">
            {events.map((event, i) => (
              <li key={i}>{eventText(event)}</li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
