import type { ConnectionSummary } from '../../../common/connections-contract';
import type { ReaderLink } from '../../../common/deep-link';
import { environmentLabel } from '../header/environment-label';

// What the console asks before it follows a conscent-console:// link, and why (issue 18
// item 5). A link is followed at once only when nothing the agent has or sees would
// change unasked: no unsent edits, no switch to a Production connection, no earlier link
// replaced, no save that just ended under it.

export type LinkQuestion = {
  link: ReaderLink;
  /** The connection the lookup will run on. */
  target: ConnectionSummary;
  /** The active connection now (null: none). */
  from: ConnectionSummary | null;
  /** The link switches the active connection to a Production one. */
  production: boolean;
  /** The open form has unsent changes the link would throw away. */
  unsent: boolean;
  /** Earlier links this one replaced while the question was open, oldest first. */
  replaced: ReaderLink[];
  /** The link arrived during a save and waited for it: how the save ended. */
  afterSave: 'saved' | 'not-saved' | null;
};

/** Production by its host (what the header band says) or as the agent declared it. */
export function isProductionConnection(connection: ConnectionSummary): boolean {
  return environmentLabel(connection).tone === 'production' || connection.environment === 'production';
}

const KIND_WORDS: Record<ReaderLink['kind'], string> = { userId: 'user id', email: 'email', phone: 'phone' };

/** "email asha@example.com": the reader a link names, as the agent reads it. */
export function describeLink(link: ReaderLink): string {
  return `${KIND_WORDS[link.kind]} ${link.value}`;
}

/** Whether the link needs the agent's answer before it is followed. */
export function needsAnswer(question: LinkQuestion): boolean {
  return question.production || question.unsent || question.replaced.length > 0 || question.afterSave !== null;
}
