import type { ChangeRow } from './changes';

// Old value → new value for every field that will be sent, nothing else. A value
// ConsCent never returned reads "not known", never as empty; sending over what nobody
// has seen carries a warning.
export function ChangesTable({ rows }: { rows: ChangeRow[] }) {
  return (
    <table className="data-table changes-table">
      <caption>Fields that will be sent</caption>
      <thead>
        <tr>
          <th scope="col">Field</th>
          <th scope="col">Current value</th>
          <th scope="col">New value</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.field} data-field={row.field}>
            <th scope="row">{row.label}</th>
            <td className="change-before">{row.before === null ? <em className="not-known">not known</em> : <Lines lines={row.before} />}</td>
            <td className="change-after">
              <Lines lines={row.after} />
              {row.warning ? (
                <p className="change-note change-warning">
                  <span aria-hidden="true">⚠</span> {row.warning}
                </p>
              ) : null}
              {row.notes.map((note) => (
                <p key={note} className="change-note">
                  <span aria-hidden="true">ℹ</span> {note}
                </p>
              ))}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Lines({ lines }: { lines: string[] }) {
  if (lines.length === 1) return <span className="change-value">{lines[0]}</span>;
  return (
    <ul className="change-lines">
      {lines.map((line, index) => (
        <li key={index}>{line}</li>
      ))}
    </ul>
  );
}
