import { environmentOfHost } from '../../../common/environment-of-host';

// The shape of every message the agent reads about a failure (issue 22.3): one sentence
// of what happened (with the facts: host, status, ConsCent's words), one sentence of what
// to do, and, where a button can do it, which one. Advice is said once, in `todo`; `what`
// never advises, so a notice cannot say the same thing twice.

/** The buttons a message can offer; the screens showing errors wire each to a real handler. */
export const FIX_ACTIONS = ['open-connection-settings', 'refresh', 'try-again', 'keychain-help'] as const;
export type FixAction = (typeof FIX_ACTIONS)[number];

export const FIX_LABELS: Record<FixAction, string> = {
  'open-connection-settings': 'Open connection settings',
  refresh: 'Refresh',
  'try-again': 'Try again',
  'keychain-help': 'Unlock keychain help',
};

/** What the agent was doing when the error happened; some kinds mean different things. */
export const ERROR_CONTEXTS = ['update', 'lookup', 'open-reader', 'connections', 'save-connection', 'test-connection', 'history'] as const;
export type ErrorContext = (typeof ERROR_CONTEXTS)[number];

/** Contexts on the Connections screen itself: "Open connection settings" would go nowhere. */
export const IN_CONNECTION_SETTINGS: ReadonlySet<ErrorContext> = new Set(['connections', 'save-connection', 'test-connection']);

export type Advice = {
  /** One sentence: what happened, with the facts. */
  what: string;
  /** One sentence: what the agent does now. */
  todo: string;
  /** The button that does `todo` (or its first step), when one can. */
  fix?: FixAction;
};

export const advice = (what: string, todo: string, fix?: FixAction): Advice => (fix ? { what, todo, fix } : { what, todo });

/** The message as one line of plain text (a bulk row, a log, the demo script). */
export const adviceText = (words: Advice): string => `${words.what} ${words.todo}`;

/**
 * Whether `host` is ConsCent's own Production or Sandbox host: its name is spelled right
 * by definition (the agent chose a preset or typed the documented address), so a failure
 * to reach it is this computer's network, DNS or proxy, never a typo in the URL.
 */
export function isConscentHost(host: string | undefined): boolean {
  if (!host) return false;
  const kind = environmentOfHost(`https://${host}`).kind;
  return kind === 'production' || kind === 'sandbox';
}

/** Whether `host` is this computer (a local simulator): "is it running?" is the question. */
export function isLocalHost(host: string | undefined): boolean {
  return host !== undefined && environmentOfHost(`http://${host}`).kind === 'local';
}
