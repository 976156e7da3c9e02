import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import type { LookupReaderResult, ReaderView } from '../../common/contract';
import { MAX_RECENT_READERS, RecentReader } from '../../common/recent-readers-contract';
import type { Logger } from '../logging/logger';
import { writeFileAtomic } from '../settings/atomic-write';
import type { ReaderService } from './reader-service';

// The last readers opened per connection (issue #11), so the agent who worked a ticket a
// moment ago gets back to the reader in one keystroke. Kept by main in one JSON file in
// the app's data folder (mode 0600, written atomically), never in the page's storage: a
// reader's name and email stay where the change history keeps them. A file that cannot
// be read is treated as empty and replaced by the next write; recording never stands in
// the way of opening a reader.

export const RECENT_READERS_FILE_NAME = 'recent-readers.json';

const RecentFile = z.object({ version: z.literal(1), connections: z.record(z.string(), z.array(RecentReader)) });
type RecentFile = z.infer<typeof RecentFile>;

export interface RecentReaders {
  list(connectionId: string): Promise<RecentReader[]>;
  note(connectionId: string, view: Pick<ReaderView, 'userId' | 'name' | 'email'>): Promise<void>;
  clear(connectionId: string): Promise<void>;
}

/** `path`: the JSON file; null keeps the list in memory only (tests that need no file). */
export function createRecentReaders(path: string | null, now: () => Date = () => new Date()): RecentReaders {
  let memory: RecentFile = { version: 1, connections: {} };
  let loaded = path === null;
  // One change at a time, each from the file as the previous one left it.
  let queue: Promise<unknown> = Promise.resolve();

  const load = async (): Promise<RecentFile> => {
    if (loaded || path === null) return memory;
    try {
      const parsed = RecentFile.safeParse(JSON.parse(await readFile(path, 'utf8')));
      if (parsed.success) memory = parsed.data;
    } catch {
      // Missing or unreadable: start empty; the next write replaces it.
    }
    loaded = true;
    return memory;
  };

  const change = (edit: (file: RecentFile) => void): Promise<void> => {
    const run = queue.then(async () => {
      const file = await load();
      edit(file);
      if (path !== null) await writeFileAtomic(path, JSON.stringify(file));
    });
    queue = run.catch(() => undefined);
    return run;
  };

  return {
    async list(connectionId) {
      await queue;
      return [...((await load()).connections[connectionId] ?? [])];
    },
    note(connectionId, view) {
      return change((file) => {
        const entry: RecentReader = {
          userId: view.userId.toLowerCase(),
          ...(view.name ? { name: view.name.slice(0, 200) } : {}),
          ...(view.email ? { email: view.email.slice(0, 254) } : {}),
          openedAt: now().toISOString(),
        };
        const others = (file.connections[connectionId] ?? []).filter((reader) => reader.userId !== entry.userId);
        file.connections[connectionId] = [entry, ...others].slice(0, MAX_RECENT_READERS);
      });
    },
    clear(connectionId) {
      return change((file) => {
        delete file.connections[connectionId];
      });
    },
  };
}

/**
 * The reader service, noting every reader it opens (by lookup with one match, or by
 * user id). A failure to note is logged and otherwise ignored: the reader is open.
 */
export function withRecentReaders(readers: ReaderService, recent: RecentReaders, logger: Logger): ReaderService {
  const note = async (connectionId: string, view: Pick<ReaderView, 'userId' | 'name' | 'email'> | undefined) => {
    if (!view) return;
    await recent.note(connectionId, view).catch(() => logger.warn('recent-readers.write-failed', {}));
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
