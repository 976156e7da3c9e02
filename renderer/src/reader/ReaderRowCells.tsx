import { MARKS, markAction } from '../timing/user-timing';

// The cells every list of readers shares (ConsCent's matches, the readers this computer
// has worked with): who they are, and Open, or "✓ Open" for the reader on screen.

type Reader = { userId: string; name?: string | undefined; email?: string | undefined };

export function ReaderIdentityCells({ reader }: { reader: Reader }) {
  return (
    <>
      <td>{reader.name || <span className="muted">(no name)</span>}</td>
      <td>{reader.email || <span className="muted">(no email)</span>}</td>
      <td className="mono">{reader.userId}</td>
    </>
  );
}

export function OpenReaderCell({ reader, isOpen, onChoose }: { reader: Reader; isOpen: boolean; onChoose: (userId: string) => void }) {
  const who = reader.name || reader.email || reader.userId;
  return (
    <td>
      {isOpen ? (
        <span>✓ Open</span>
      ) : (
        <button
          type="button"
          onClick={() => {
            markAction(MARKS.readerChosen);
            onChoose(reader.userId);
          }}
          aria-label={`Open ${who} (${reader.userId})`}
        >
          Open
        </button>
      )}
    </td>
  );
}
