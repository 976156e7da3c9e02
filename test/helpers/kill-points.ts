import fsp from 'node:fs/promises';
import { lineCodec, type LineCodec } from '../../main/at-rest/sealed-text';
import { consoleKeyring } from './sealed-lines';

// Preloaded (`--import`) into the crash tests' console process: SIGKILLs it at an exact
// point of a row's life, given as CC_KILL_AT="<point>:<n>" (the n-th time it is reached):
//   pending  — just before the n-th history "pending" line is written (nothing on disk yet)
//   sending  — just before the n-th bulk "sending" line is written (the history entry is on
//              disk, the run's own record is not: the request has not left)
//   outcome  — just before the n-th history "outcome" line is written (ConsCent answered)
// The points are found by what is written, so the product code carries no test hooks.
// Lines are sealed (main/at-rest/): they are opened with the test console's data key for
// the data folder the child was given (bulk-crash-child.ts's first argument).

const [point, nth] = (process.env.CC_KILL_AT ?? '').split(':');
const wanted = Number(nth);
const MARKS: Record<string, { method: 'write' | 'appendFile'; text: string }> = {
  pending: { method: 'appendFile', text: '"type":"pending"' },
  outcome: { method: 'appendFile', text: '"type":"outcome"' },
  sending: { method: 'write', text: '"t":"sending"' },
};
const mark = point ? MARKS[point] : undefined;

let codecs: LineCodec[] = [];
void consoleKeyring(process.argv[2] ?? '')
  .get()
  .then((key) => (codecs = [lineCodec(key, 'history'), lineCodec(key, 'bulk')]));

/** The written text with each sealed line opened. */
function openedText(text: string): string {
  return text
    .split('\n')
    .map((line) => {
      for (const codec of codecs) {
        const opened = codec.open(Buffer.from(line, 'latin1'));
        if (opened.kind === 'open') return opened.bytes.toString('utf8');
      }
      return line;
    })
    .join('\n');
}

if (mark && wanted > 0) {
  // Every handle the console opens gets the marked method wrapped (the product code calls
  // fs/promises' `open` through the module object, so replacing it here reaches it).
  const original = fsp.open;
  let seen = 0;
  fsp.open = async (...args: Parameters<typeof fsp.open>) => {
    const handle = await original(...args);
    const method = handle[mark.method].bind(handle) as (...a: unknown[]) => Promise<unknown>;
    (handle as unknown as Record<string, unknown>)[mark.method] = (...a: unknown[]) => {
      const data = a[0];
      const text = typeof data === 'string' ? data : Buffer.isBuffer(data) ? data.toString('utf8') : '';
      if (openedText(text).includes(mark.text)) {
        seen += 1;
        if (seen === wanted) process.kill(process.pid, 'SIGKILL');
      }
      return method(...a);
    };
    return handle;
  };
}
