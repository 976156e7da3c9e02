import type { HistoryEntry } from '../../../common/history-schemas';
import { FIELD_LABELS } from '../edit/field-labels';
import { Time } from '../format/Time';
import { useHistoryNavigation } from './history-navigation';
import { ManagedMark } from '../policy/ManagedMark';
import { POLICY_REFUSES } from '../policy/policy-text';
import { usePolicy } from '../policy/use-policy';
import { agentText, readerText, statusText, valueLines } from './history-text';

// One change: when, who, from which computer, over which connection, to which reader;
// each field before → after; the outcome; links to the change it reverts or that reverted
// it. "Revert this change" only where it can work: a saved change over the active connection;
// for a change ConsCent never confirmed, "Look the reader up now" instead (issue 17 item 4).

type HistoryEntryCardProps = {
  entry: HistoryEntry;
  activeConnectionId: string | null;
  onRevert: (entry: HistoryEntry) => void;
  reverting: boolean;
};

export function HistoryEntryCard({ entry, activeConnectionId, onRevert, reverting }: HistoryEntryCardProps) {
  const headingId = `history-entry-${entry.id}`;
  const otherConnection = entry.connection.connectionId !== activeConnectionId;
  const { checkReader } = useHistoryNavigation();
  // Turned off by the organisation's policy (issue 21.1): said instead of a button main would refuse.
  const policy = usePolicy();
  const revertRefused =
    policy.state === 'locked' ? POLICY_REFUSES.locked : policy.state === 'applied' && !policy.allowRevert ? POLICY_REFUSES.revert : null;
  return (
    <li className={`history-entry status-${entry.status}`} aria-labelledby={headingId}>
      <div className="history-entry-head">
        <h3 id={headingId}>
          Change {entry.id}: {readerText(entry)}
        </h3>
        <span className={`chip outcome-chip outcome-${entry.status}`}>{statusText(entry)}</span>
        {entry.unverifiable ? (
          <span className="chip" title="Signed with a key this computer's keychain no longer holds">
            Not verifiable
          </span>
        ) : null}
      </div>
      <p className="hint">
        <Time iso={entry.at} /> · {agentText(entry)} on {entry.machine} · connection {entry.connection.name} ({entry.connection.host}) · user id{' '}
        <span className="mono">{entry.userId}</span>
        {entry.revertOf ? ` · reverts change ${entry.revertOf}` : ''}
        {entry.revertedBy?.length ? ` · reverted by change ${entry.revertedBy.join(', ')}` : ''}
      </p>
      <table className="data-table changes-table history-changes">
        <caption className="visually-hidden">Fields changed in change {entry.id}</caption>
        <thead>
          <tr>
            <th scope="col">Field</th>
            <th scope="col">Before</th>
            <th scope="col">After</th>
          </tr>
        </thead>
        <tbody>
          {entry.changes.map((change) => (
            <tr key={change.field}>
              <th scope="row">{FIELD_LABELS[change.field]}</th>
              <td className={change.before === null ? 'not-known' : 'change-before'}>
                {valueLines(change.field, change.before).map((line, i) => (
                  <div key={i}>{line}</div>
                ))}
              </td>
              <td className="change-after">
                {valueLines(change.field, change.after).map((line, i) => (
                  <div key={i}>{line}</div>
                ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {entry.ticket ? <p className="history-ticket">Ticket or reason: {entry.ticket}</p> : null}
      {entry.message ? <p className="hint">ConsCent said: “{entry.message}”</p> : null}
      {entry.status === 'saved' && revertRefused ? (
        <p className="hint">
          <ManagedMark /> — {revertRefused}
        </p>
      ) : null}
      {entry.status === 'saved' && !revertRefused ? (
        <div className="button-row">
          <button
            type="button"
            onClick={() => onRevert(entry)}
            disabled={otherConnection || reverting}
            aria-describedby={otherConnection ? `${headingId}-other` : undefined}
          >
            Revert this change
          </button>
          {otherConnection ? (
            <span id={`${headingId}-other`} className="hint">
              Made over the connection {entry.connection.name}: switch to it in Connections to revert.
            </span>
          ) : null}
        </div>
      ) : null}
      {entry.status === 'unknown' ? (
        <div className="button-row">
          <button
            type="button"
            onClick={() => checkReader(entry.userId)}
            disabled={otherConnection}
            aria-describedby={otherConnection ? `${headingId}-other` : undefined}
          >
            Look the reader up now
          </button>
          {otherConnection ? (
            <span id={`${headingId}-other`} className="hint">
              Made over the connection {entry.connection.name}: switch to it in Connections to look the reader up there.
            </span>
          ) : null}
        </div>
      ) : null}
    </li>
  );
}
