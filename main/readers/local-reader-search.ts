import { foldForSearch } from '../../common/fold-text';
import { MAX_LOCAL_MATCHES } from '../../common/local-search-limits';
import type { LocalReaderMatch, LocalReaderMatches, LocalSource } from '../../common/recent-readers-contract';
import type { HistoryService } from '../history/history-service';
import type { Logger } from '../logging/logger';
import type { RecentReaders } from './recent-readers';

// Finding a reader by name (issue 22.5). ConsCent's API finds readers only by user id,
// email or phone number, so a name, or part of a name or email, is looked for among the
// readers this computer has worked with on the connection: the recent readers list and
// the change history. Both are already in main's memory once opened (the history's index
// keeps every reader's names and emails, folded), so a search reads no file and sends
// no request. A place that cannot be searched is said, not silently skipped.

type Sources = { recent: Pick<RecentReaders, 'list'>; history: Pick<HistoryService, 'findReaders'>; logger?: Logger };

export async function findLocalReaders({ recent, history, logger }: Sources, connectionId: string, text: string): Promise<LocalReaderMatches> {
  const needle = foldForSearch(text.trim());
  const unsearched: LocalSource[] = [];
  const found = new Map<string, LocalReaderMatch>();

  const fromHistory = await history.findReaders(connectionId, text, MAX_LOCAL_MATCHES).catch((error: unknown) => {
    logger?.warn('local-search.history-unavailable', { kind: (error as { kind?: string }).kind ?? 'unknown' });
    unsearched.push('history');
    return undefined;
  });
  for (const reader of fromHistory?.readers ?? []) {
    found.set(reader.userId, {
      userId: reader.userId,
      ...shown(reader),
      lastWorkedAt: new Date(reader.lastTime).toISOString(),
      foundIn: ['history'],
    });
  }

  const recentList = await recent.list(connectionId).catch(() => {
    logger?.warn('local-search.recent-unavailable', {});
    unsearched.push('recent');
    return undefined;
  });
  let recentOnly = 0;
  for (const reader of recentList?.readers ?? []) {
    if (![reader.name, reader.email].some((word) => word && foldForSearch(word).includes(needle))) continue;
    if (!fromHistory?.all.has(reader.userId)) recentOnly += 1;
    const known = found.get(reader.userId);
    if (!known) {
      found.set(reader.userId, { userId: reader.userId, ...shown(reader), lastWorkedAt: reader.openedAt, foundIn: ['recent'] });
      continue;
    }
    // The newer of the two names the reader: it is what ConsCent or the agent said last.
    const recentIsNewer = Date.parse(reader.openedAt) > Date.parse(known.lastWorkedAt);
    found.set(reader.userId, {
      userId: reader.userId,
      ...(recentIsNewer ? { ...shown(known), ...shown(reader) } : { ...shown(reader), ...shown(known) }),
      lastWorkedAt: recentIsNewer ? reader.openedAt : known.lastWorkedAt,
      foundIn: ['recent', 'history'],
    });
  }

  const readers = [...found.values()].sort((a, b) => Date.parse(b.lastWorkedAt) - Date.parse(a.lastWorkedAt)).slice(0, MAX_LOCAL_MATCHES);
  return { readers, total: (fromHistory?.all.size ?? 0) + recentOnly, ...(unsearched.length > 0 ? { unsearched } : {}) };
}

function shown(reader: { name?: string | undefined; email?: string | undefined }): { name?: string; email?: string } {
  return { ...(reader.name ? { name: reader.name } : {}), ...(reader.email ? { email: reader.email } : {}) };
}
