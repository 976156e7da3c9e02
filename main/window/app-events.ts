import { APP_EVENT_CHANNEL, type AppEvent } from '../../common/app-events';
import { parseReaderLink } from '../../common/deep-link';

// Main's side of the page's one subscription (common/app-events.ts). Links arrive when
// they like: macOS may send 'open-url' before the app is ready, the first instance's own
// argv is read at start, and a page may be loading when the agent clicks a ticket's link.
// So events wait here until the page has loaded (its preload listens from before the
// page's scripts run) and are then delivered in order, never dropped.

/** The part of a window's webContents this needs: send on a channel, and say when the page has loaded. */
export interface AppEventTarget {
  send(channel: string, event: AppEvent): void;
  on(event: 'did-finish-load' | 'did-start-loading' | 'destroyed', listener: () => void): unknown;
}

export interface AppEventSender {
  /** The window's page to deliver to from now on (a reopened window replaces the old one). */
  attach(target: AppEventTarget): void;
  send(event: AppEvent): void;
  /** A conscent-console:// link from the OS: parsed here, delivered as a lookup or as a refusal. */
  openLink(raw: string): void;
}

export function createAppEventSender(): AppEventSender {
  const waiting: AppEvent[] = [];
  let target: AppEventTarget | null = null;
  let loaded = false;

  const flush = () => {
    if (!target || !loaded) return;
    for (const event of waiting.splice(0)) target.send(APP_EVENT_CHANNEL, event);
  };

  const sender: AppEventSender = {
    attach(next) {
      target = next;
      loaded = false;
      next.on('did-start-loading', () => {
        if (target === next) loaded = false;
      });
      next.on('did-finish-load', () => {
        if (target !== next) return;
        loaded = true;
        flush();
      });
      next.on('destroyed', () => {
        if (target === next) target = null;
      });
    },
    send(event) {
      waiting.push(event);
      flush();
    },
    openLink(raw) {
      const parsed = parseReaderLink(raw);
      sender.send(
        parsed.ok
          ? { kind: 'open-link', link: parsed.link }
          : { kind: 'link-refused', reason: parsed.reason, ...(parsed.parameter ? { parameter: parsed.parameter } : {}) },
      );
    },
  };
  return sender;
}
