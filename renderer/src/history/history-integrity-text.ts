import type { HistoryEvent, HistoryIntegrity } from '../../../common/history-schemas';
import { localTime } from '../format/times';

// What the History screen says about the history as a whole (issue 18): whether it can be
// trusted, where its signed part starts, and every clear, purge, retention change, damage
// found and lost key, each from a signed line main read.

/** Added wherever a value the history pre-fills comes from a history with damage in it. */
export const FROM_DAMAGED_HISTORY = 'from a damaged history';

const changes = (n: number) => `${n} ${n === 1 ? 'change' : 'changes'}`;
const days = (n: number | undefined) => `${n ?? '?'} ${n === 1 ? 'day' : 'days'}`;

function whoText(event: HistoryEvent): string {
  if (!event.agent) return 'the console';
  const { osUser, displayName } = event.agent;
  const name = displayName ? `${displayName} (${osUser})` : osUser;
  return event.machine ? `${name} on ${event.machine}` : name;
}

export function eventText(event: HistoryEvent): string {
  const when = localTime(event.at) ?? event.at;
  switch (event.what) {
    case 'cleared':
      return `History cleared on ${when} by ${whoText(event)}: ${changes(event.entries)} removed.`;
    case 'purged':
      return `${changes(event.entries)} older than ${days(event.retentionDays)} removed by the retention setting on ${when}.`;
    case 'retention-changed':
      return `Retention changed from ${days(event.previousDays)} to ${days(event.retentionDays)} on ${when} by ${whoText(event)} (${changes(event.entries)} in the history then).`;
    case 'damage-found':
      return `On ${when} the console found this history damaged: ${(event.found ?? []).join(' ')}`;
    case 'new-key':
      return `On ${when} the key that signs this history was missing from the keychain; a new key signs it from then on.`;
    case 'set-aside': {
      const lines = event.setAside?.lines ?? 0;
      const folder = event.setAside ? ` in the history folder's “${event.setAside.folder}”` : '';
      return `On ${when} the console could not read the history: it is encrypted with a key that is no longer in this computer's keychain (was the keychain reset?). Its ${lines} ${lines === 1 ? 'line was' : 'lines were'} set aside${folder}, and a new, empty history started. Only a backup of the keychain can make them readable again: ask your IT team.`;
    }
  }
}

/** The sentences about how far the history can be trusted; none for a whole, signed history. */
export function integrityLines(integrity: HistoryIntegrity): string[] {
  const lines: string[] = [];
  if (integrity.unverifiableEntries > 0) {
    lines.push(
      `The key that signs this history is no longer in this computer's keychain (was the keychain reset?). The ${changes(integrity.unverifiableEntries)} recorded before then cannot be verified; they are marked “not verifiable” below.`,
    );
  }
  if (integrity.unsignedEntries > 0) {
    const from = integrity.signedFrom ? ` Signing starts at ${integrity.signedFrom.file}, line ${integrity.signedFrom.line}.` : '';
    lines.push(
      `The oldest ${changes(integrity.unsignedEntries)} were recorded before the history was signed: they are checked with the older, unkeyed rule, which cannot show a rewrite whose chain was recomputed.${from}`,
    );
  }
  if (integrity.damaged) {
    lines.push(`Values this history fills into a form or a revert are marked “${FROM_DAMAGED_HISTORY}”: check them with the reader before sending.`);
  }
  return lines;
}
