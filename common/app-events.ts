import type { LinkRefusal, ReaderLink } from './deep-link';

// What main tells the page on its own initiative (issue #11): a conscent-console:// link
// the OS handed over, or a command chosen in the app menu. It travels on one channel in
// one direction, and the page reaches it through one named subscription of the bridge
// (`onAppEvent`), never through a generic channel or by main executing JavaScript.

export const APP_EVENT_CHANNEL = 'conscent:app-event';

/** Menu commands; the page also answers their shortcuts itself (see renderer/src/keyboard/). */
export const APP_COMMANDS = ['focus-search', 'review', 'refresh-reader', 'show-shortcuts'] as const;
export type AppCommand = (typeof APP_COMMANDS)[number];

export type AppEvent =
  | { kind: 'open-link'; link: ReaderLink }
  | { kind: 'link-refused'; reason: LinkRefusal; parameter?: string }
  | { kind: 'command'; command: AppCommand }
  /** The system keychain answers again after it had gone away (issue 17.5). */
  | { kind: 'keychain-back' }
  /** The organisation's policy changed while the console runs (issue 21.1): the page asks for it again. */
  | { kind: 'policy-changed' };

/** The bridge's one subscription; returns "unsubscribe". */
export interface AppEventsBridge {
  onAppEvent(listener: (event: AppEvent) => void): () => void;
}
