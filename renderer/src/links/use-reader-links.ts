import { useEffect, useRef, useState } from 'react';
import type { AppEvent } from '../../../common/app-events';
import type { ConnectionSummary, ConnectionsState } from '../../../common/contract';
import type { ReaderLink } from '../../../common/deep-link';
import { useBridge } from '../bridge/bridge-context';
import { environmentLabel } from '../header/environment-label';
import type { CommandBus } from '../keyboard/commands';
import type { LinkLookup } from '../reader/ReaderScreen';
import { linkRefusalWords } from './link-words';

// What main sends on its own, through the bridge's one subscription: menu commands go to
// the command bus, and conscent-console:// links become a lookup (issue #11). A link
// only ever looks a reader up. It asks first when there are unsent edits; it switches
// connection only to one that exists by the name it gives, and says so on screen; a
// link that names no existing connection, or that main refused, is said and not acted on.

export type LinkNotice = { tone: 'info' | 'error'; text: string };

type ReaderLinksInput = {
  bus: CommandBus;
  /** The connections once loaded; null while loading (a link waits for them). */
  state: ConnectionsState | null;
  active: ConnectionSummary | null;
  confirmDiscard: (action: () => void) => void;
  /** Makes a connection the active one; false when it could not (the app shows why). */
  activate: (connection: ConnectionSummary) => Promise<boolean>;
  showReaders: () => void;
};

export function useReaderLinks(input: ReaderLinksInput) {
  const bridge = useBridge();
  const [linkLookup, setLinkLookup] = useState<LinkLookup | null>(null);
  const [notice, setNotice] = useState<LinkNotice | null>(null);
  const nextId = useRef(0);
  // The latest inputs, for links that arrive between renders.
  const latest = useRef(input);
  useEffect(() => {
    latest.current = input;
  });
  // A link that arrived before the connections were loaded, followed once they are.
  const waiting = useRef<ReaderLink | null>(null);

  const follow = async (link: ReaderLink): Promise<void> => {
    const { state, active, activate: activateConnection, showReaders } = latest.current;
    let target = active;
    if (link.connection !== undefined) {
      const wanted = link.connection.toLowerCase();
      target = state?.connections.find((connection) => connection.name.trim().toLowerCase() === wanted) ?? null;
      if (!target) {
        setNotice({
          tone: 'error',
          text: `A link asked for the connection “${link.connection}”, which does not exist on this computer. Nothing was looked up. Add the connection, or search on the one you have open.`,
        });
        return;
      }
    }
    if (!target) {
      setNotice({ tone: 'error', text: 'A link asked for a reader, but no connection is set up yet. Add one first; nothing was looked up.' });
      return;
    }
    if (target.id !== active?.id) {
      if (!(await activateConnection(target))) return;
      setNotice({
        tone: 'info',
        text: `Switched to the connection “${target.name}” (${environmentLabel(target).short}) because the link asked for it.`,
      });
    } else {
      setNotice(null);
    }
    showReaders();
    setLinkLookup({ query: link.value, id: ++nextId.current });
  };
  const take = (link: ReaderLink) => {
    if (!latest.current.state) {
      waiting.current = link;
      return;
    }
    latest.current.confirmDiscard(() => void follow(link));
  };
  const takeRef = useRef(take);
  useEffect(() => {
    takeRef.current = take;
  });

  useEffect(
    () =>
      bridge.onAppEvent((event: AppEvent) => {
        if (event.kind === 'command') latest.current.bus.run(event.command);
        else if (event.kind === 'open-link') takeRef.current(event.link);
        else if (event.kind === 'link-refused') setNotice({ tone: 'error', text: linkRefusalWords(event.reason, event.parameter) });
      }),
    [bridge],
  );

  const loaded = input.state !== null;
  useEffect(() => {
    const link = waiting.current;
    if (!loaded || !link) return;
    waiting.current = null;
    takeRef.current(link);
  }, [loaded]);

  return {
    linkLookup,
    /** The reader screen has started the link's lookup: it is not run again on a remount. */
    takeLinkLookup: () => setLinkLookup(null),
    notice,
    dismissNotice: () => setNotice(null),
  };
}
