import { useEffect, useRef, useState } from 'react';
import type { AppEvent } from '../../../common/app-events';
import type { ConnectionSummary, ConnectionsState } from '../../../common/connections-contract';
import type { ReaderLink } from '../../../common/deep-link';
import { useBridge } from '../bridge/bridge-context';
import { environmentLabel } from '../header/environment-label';
import type { CommandBus } from '../keyboard/commands';
import type { LinkLookup } from '../reader/ReaderScreen';
import { useUnsavedChanges } from '../unsaved/unsaved-changes-context';
import { describeLink, isProductionConnection, needsAnswer, type LinkQuestion } from './link-question';
import { linkRefusalWords } from './link-words';

// What main sends on its own, through the bridge's one subscription: menu commands go to
// the command bus, and conscent-console:// links become a lookup (issue #11). A link
// only ever looks a reader up. It switches connection only to one that exists by the
// name it gives, and says so on screen; a link that names no existing connection, or that
// main refused, is said and not acted on. Issue 18: a link asks first (LinkDialog) when it
// would switch to a Production connection, throw away unsent edits, replace an earlier
// link, or follow a save that just ended; and it waits, never cuts in, while the
// connections load, a save is on its way or the "Discard unsent changes?" question is open.

export type LinkNotice = { tone: 'info' | 'error'; text: string };

type ReaderLinksInput = {
  bus: CommandBus;
  /** The connections once loaded; null while loading (a link waits for them). */
  state: ConnectionsState | null;
  active: ConnectionSummary | null;
  /** Makes a connection the active one; false when it could not (the app shows why). */
  activate: (connection: ConnectionSummary) => Promise<boolean>;
  showReaders: () => void;
};

/** A link waiting for the console to be free; a newer one replaces it and says so. */
type Held = { link: ReaderLink; replaced: ReaderLink[]; duringSave: boolean };

export function useReaderLinks(input: ReaderLinksInput) {
  const bridge = useBridge();
  const unsaved = useUnsavedChanges();
  const [linkLookup, setLinkLookup] = useState<LinkLookup | null>(null);
  const [notice, setNotice] = useState<LinkNotice | null>(null);
  const [question, setQuestionState] = useState<LinkQuestion | null>(null);
  const nextId = useRef(0);
  // The latest inputs, for links that arrive between renders.
  const latest = useRef({ ...input, unsaved });
  useEffect(() => {
    latest.current = { ...input, unsaved };
  });
  const questionRef = useRef<LinkQuestion | null>(null);
  const setQuestion = (next: LinkQuestion | null) => {
    questionRef.current = next;
    setQuestionState(next);
  };
  const held = useRef<Held | null>(null);

  const follow = async (link: ReaderLink, target: ConnectionSummary): Promise<void> => {
    const { active, activate: activateConnection, showReaders } = latest.current;
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
    setLinkLookup({ query: link.value, id: ++nextId.current, ...(link.ticket !== undefined ? { ticket: link.ticket } : {}) });
  };

  /** The connection a link runs on, or the reason it cannot (said on screen). */
  const targetOf = (link: ReaderLink, replaced: ReaderLink[]): ConnectionSummary | null => {
    const { state, active } = latest.current;
    const dropped =
      replaced.length > 0 ? ` It replaced an earlier link (${replaced.map(describeLink).join('; ')}), which was not opened either.` : '';
    let target = active;
    if (link.connection !== undefined) {
      const wanted = link.connection.toLowerCase();
      target = state?.connections.find((connection) => connection.name.trim().toLowerCase() === wanted) ?? null;
      if (!target) {
        setNotice({
          tone: 'error',
          text: `A link asked for the connection “${link.connection}”, which does not exist on this computer. Nothing was looked up. Add the connection, or search on the one you have open.${dropped}`,
        });
        return null;
      }
    }
    if (!target)
      setNotice({
        tone: 'error',
        text: `A link asked for a reader, but no connection is set up yet. Add one first; nothing was looked up.${dropped}`,
      });
    return target;
  };

  const present = (link: ReaderLink, replaced: ReaderLink[], afterSave: LinkQuestion['afterSave']) => {
    const target = targetOf(link, replaced);
    if (!target) {
      setQuestion(null);
      return;
    }
    const { active, unsaved: now } = latest.current;
    const switching = target.id !== active?.id;
    const next: LinkQuestion = {
      link,
      target,
      from: active,
      production: switching && isProductionConnection(target),
      unsent: now.hasUnsentChanges(),
      replaced,
      afterSave,
    };
    if (needsAnswer(next)) {
      setQuestion(next);
      return;
    }
    setQuestion(null);
    void follow(link, target);
  };

  const take = (link: ReaderLink) => {
    const { state, unsaved: now } = latest.current;
    const open = questionRef.current;
    // The newest link is the one the agent just clicked: it takes the open question's
    // place, and the question names the one it replaced (docs/ticket-links.md says why).
    if (open) {
      present(link, [...open.replaced, open.link], open.afterSave);
      return;
    }
    if (!state || now.isSaving() || now.isAsking()) {
      const before = held.current;
      held.current = { link, replaced: before ? [...before.replaced, before.link] : [], duringSave: (before?.duringSave ?? false) || now.isSaving() };
      return;
    }
    present(link, [], null);
  };
  const takeRef = useRef(take);
  const presentRef = useRef(present);
  useEffect(() => {
    takeRef.current = take;
    presentRef.current = present;
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

  // A held link is taken up once the console is free: connections loaded, no save on its
  // way, no discard question open. One that waited for a save says how the save ended.
  const loaded = input.state !== null;
  const { save, asking } = unsaved;
  useEffect(() => {
    const waiting = held.current;
    if (!loaded || save.inFlight || asking || !waiting) return;
    held.current = null;
    presentRef.current(waiting.link, waiting.replaced, waiting.duringSave ? save.outcome : null);
  }, [loaded, save, asking]);

  const answer = (open: boolean) => {
    const asked = questionRef.current;
    setQuestion(null);
    if (!open || !asked) return;
    // The connection as it is now (it may have been renamed or deleted meanwhile).
    const target = latest.current.state?.connections.find((connection) => connection.id === asked.target.id);
    if (target) void follow(asked.link, target);
    else setNotice({ tone: 'error', text: `The connection “${asked.target.name}” the link asked for is gone. Nothing was looked up.` });
  };

  return {
    linkLookup,
    /** The reader screen has started the link's lookup: it is not run again on a remount. */
    takeLinkLookup: () => setLinkLookup(null),
    notice,
    dismissNotice: () => setNotice(null),
    /** Runs a lookup on the reader screen as a link does, on the active connection, asked for by the agent. */
    lookUpHere: (query: string) => {
      latest.current.showReaders();
      setNotice(null);
      setLinkLookup({ query, id: ++nextId.current });
    },
    /** The open question about a link, for LinkDialog; null when none. */
    question,
    openLink: () => answer(true),
    stayHere: () => answer(false),
  };
}
