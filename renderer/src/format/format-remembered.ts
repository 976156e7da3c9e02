import type { RememberedFields } from '../../../common/readers-contract';
import { FROM_DAMAGED_HISTORY } from '../history/history-integrity-text';
import { localTime } from './times';

// Values the lookup did not return but the console already knew are labelled with where
// they came from and when, so the agent never mistakes them for a fresh answer.

/** "as of 1 Jun 2025, 19:32 IST, from what ConsCent returned after a save in this session" */
export function rememberedSource(remembered: RememberedFields): string {
  const source = sourceText(remembered);
  // Never used silently (issue 18): the form and the review both say so.
  return remembered.damaged ? `${source} — ${FROM_DAMAGED_HISTORY}, check it with the reader` : source;
}

function sourceText(remembered: RememberedFields): string {
  const when = localTime(remembered.at) ?? remembered.at;
  switch (remembered.from) {
    case 'session-save':
      return `as of ${when}, from what ConsCent returned after a save in this session`;
    case 'history':
      // The change history keeps the record ConsCent returned with the newest saved change.
      return `as of ${when}, from your save on this computer`;
  }
}
