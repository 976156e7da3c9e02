import { z } from 'zod';
import type { LookupReaderResult, ReaderView } from '../../common/readers-contract';
import { MAX_RECENT_READERS, RecentReader, type RecentReadersList } from '../../common/recent-readers-contract';
import { memoryDataKeyring, type DataKeyring } from '../at-rest/data-key';
import { lineCodec, type LineCodec } from '../at-rest/sealed-text';
import type { Logger } from '../logging/logger';
import { writeFileAtomic } from '../settings/atomic-write';
import { readSideFile, type FileRecovery } from '../settings/side-file';
import type { ReaderService } from './reader-service';
import { MAIN_STAGES, stage } from '../timing/stage-spans';

// The last readers opened per connection (issue #11), so the agent who worked a ticket a
// moment ago gets back to the reader in one keystroke. Kept by main in one JSON file in
// the app's data folder (mode 0600, written atomically, sealed with the data key as the
// history is: main/at-rest/), never in the page's storage. A file that cannot
// be read is moved aside as recent-readers.json.<time>.bad and the agent is told (issue
// 17.6); one that cannot even be moved is never written over. Recording never stands in
// the way of opening a reader.

/** 50 connections × 20 readers take well under this; a larger file is not ours. */
const MAX_RECENT_FILE_BYTES = 1024 * 1024;

const Readers = z.array(RecentReader);
// Read into a Map straight from JSON.parse's own keys: z.record would build a plain object,
// where a connection called "__proto__" would set the prototype instead of an entry.
const RecentFile = z
  .object({
    version: z.literal(1),
    connections: z.custom<Record<string, unknown>>((value) => typeof value === 'object' && value !== null && !Array.isArray(value)),
  })
  .transform((file, context) => {
    const connections = new Map<string, RecentReader[]>();
    for (const [connectionId, readers] of Object.entries(file.connections)) {
      const parsed = Readers.safeParse(readers);
      if (!parsed.success) {
        context.addIssue({ code: 'custom', message: 'Not a list of recent readers.', path: ['connections', connectionId] });
        return z.NEVER;
      }
      connections.set(connectionId, parsed.data);
    }
    return connections;
  });

export interface RecentReaders {
  list(connectionId: string): Promise<RecentReadersList>;
  note(connectionId: string, view: Pick<ReaderView, 'userId' | 'name' | 'email'>): Promise<void>;
  clear(connectionId: string): Promise<void>;
}

/**
 * `path`: the file; null keeps the list in memory only (tests that need no file).
 * `dataKeys`: the key the file is sealed with (the OS keychain in the app; a memory per file when absent).
 */
export function createRecentReaders(path: string | null, now: () => Date = () => new Date(), dataKeys?: DataKeyring): RecentReaders {
  const keys = dataKeys ?? memoryDataKeyring(path ?? '');
  const codec = async (): Promise<LineCodec> => lineCodec(await keys.get(), 'recent-readers');
  // A Map, not an object: connection ids come from the page, and "constructor" or
  // "__proto__" must be a connection like any other (issue 18.5).
  let memory = new Map<string, RecentReader[]>();
  let loaded = path === null;
  let recovered: FileRecovery | undefined;
  /** A damaged file that could not be moved aside: kept as it is, never written over. */
  let stuck = false;
  // One change at a time, each from the file as the previous one left it.
  let queue: Promise<unknown> = Promise.resolve();

  const load = async (): Promise<Map<string, RecentReader[]>> => {
    if (loaded || path === null) return memory;
    const sealing = await codec();
    let plain = false;
    const read = await readSideFile(path, RecentFile, {
      maxBytes: MAX_RECENT_FILE_BYTES,
      now,
      open: (stored) => {
        const opened = sealing.open(Buffer.from(stored.trim(), 'latin1'));
        plain = opened.kind === 'plain';
        if (opened.kind === 'plain') return stored;
        if (opened.kind === 'open') return opened.bytes.toString('utf8');
        return opened.kind === 'foreign' ? 'key-lost' : 'damaged';
      },
    });
    if (read.kind === 'read') memory = read.data;
    // Written before encryption: sealed now rather than at the next reader opened.
    if (read.kind === 'read' && plain) await write(memory, sealing).catch(() => undefined);
    if (read.kind === 'damaged') {
      if (read.movedTo) recovered = { reason: read.reason, movedTo: read.movedTo };
      else stuck = true;
    }
    loaded = true;
    return memory;
  };

  const change = (edit: (file: Map<string, RecentReader[]>) => void): Promise<void> => {
    const run = queue.then(async () => {
      const file = await load();
      if (stuck) throw new Error('The recent readers file is damaged and could not be moved aside.');
      edit(file);
      if (path !== null) await write(file, await codec());
    });
    queue = run.catch(() => undefined);
    return run;
  };

  async function write(file: Map<string, RecentReader[]>, sealing: LineCodec): Promise<void> {
    if (path !== null) await writeFileAtomic(path, sealing.seal(JSON.stringify({ version: 1, connections: Object.fromEntries(file) })));
  }

  return {
    async list(connectionId) {
      await queue;
      const readers = [...((await load()).get(connectionId) ?? [])];
      return recovered ? { readers, recovered } : { readers };
    },
    note(connectionId, view) {
      return change((file) => {
        const entry: RecentReader = {
          userId: view.userId.toLowerCase(),
          ...(view.name ? { name: view.name.slice(0, 200) } : {}),
          ...(view.email ? { email: view.email.slice(0, 254) } : {}),
          openedAt: now().toISOString(),
        };
        const others = (file.get(connectionId) ?? []).filter((reader) => reader.userId !== entry.userId);
        file.set(connectionId, [entry, ...others].slice(0, MAX_RECENT_READERS));
      });
    },
    clear(connectionId) {
      return change((file) => {
        file.delete(connectionId);
      });
    },
  };
}

/**
 * The reader service, noting every reader it opens (by lookup with one match, or by
 * user id). A failure to note is logged and otherwise ignored: the reader is open.
 */
export function withRecentReaders(readers: ReaderService, recent: RecentReaders, logger: Logger, answerFirst = false): ReaderService {
  // answerFirst (the app, issue 23): the reader is answered without waiting for the file's
  // write; listing the recent readers waits for it (list() awaits the queue).
  const note = async (connectionId: string, view: Pick<ReaderView, 'userId' | 'name' | 'email'> | undefined) => {
    if (!view) return;
    const write = () => recent.note(connectionId, view).catch(() => logger.warn('recent-readers.write-failed', {}));
    // On the answer's path only when it is waited for (a stage of the bench's figures).
    if (answerFirst) void write();
    else await stage(MAIN_STAGES.recentReaders, write);
  };
  return {
    ...readers,
    lookup: async (connectionId, query, searchId) => {
      const result: LookupReaderResult = await readers.lookup(connectionId, query, searchId);
      // One match is opened at once by the page: that reader is the one worked on.
      if (result.matches.length === 1) await note(connectionId, result.matches[0]);
      return result;
    },
    open: async (connectionId, userId) => {
      const view = await readers.open(connectionId, userId);
      await note(connectionId, view);
      return view;
    },
  };
}
