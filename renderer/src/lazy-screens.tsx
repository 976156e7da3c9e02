import { lazy, Suspense, useState, type ComponentType, type ReactNode } from 'react';

// Screens that are not on the first paint (issue #12): the page first shows the lookup
// box, and loads the opened reader's form, Connections and History just after, while
// the agent types. That keeps zod's schemas, react-hook-form and the form code out of the
// JavaScript parsed before the lookup box is interactive.
//
// Each load goes through zod-without-eval first: zod must be told not to compile with
// `new Function` (the CSP forbids it) before any schema in these screens is built.

function screen<P extends object>(what: string, load: () => Promise<ComponentType<P>>) {
  let ready: ComponentType<P> | null = null;
  const preload = () => import('./zod-without-eval').then(load).then((component) => (ready = component));
  const Lazy = lazy(() => preload().then((component) => ({ default: component })));

  function Screen(props: P): ReactNode {
    // Chosen once per mount: switching from the lazy wrapper to the loaded component
    // later would remount the screen and lose what the agent typed.
    const [Ready] = useState(() => ready);
    if (Ready) return <Ready {...props} />;
    return (
      <Suspense
        fallback={
          <p role="status" className="loading">
            Loading {what}…
          </p>
        }
      >
        <Lazy {...props} />
      </Suspense>
    );
  }
  return { Screen, preload };
}

const readerRecord = screen('the reader', () => import('./reader/ReaderRecord').then((m) => m.ReaderRecord));
const connectionsScreen = screen('Connections', () => import('./connections/ConnectionsScreen').then((m) => m.ConnectionsScreen));
const historyScreen = screen('History', () => import('./history/HistoryScreen').then((m) => m.HistoryScreen));
const bulkScreen = screen('Bulk', () => import('./bulk/BulkScreen').then((m) => m.BulkScreen));

export const ReaderRecord = readerRecord.Screen;
export const ConnectionsScreen = connectionsScreen.Screen;
export const HistoryScreen = historyScreen.Screen;
export const BulkScreen = bulkScreen.Screen;

/** Loads every screen (after the first paint, so none waits when the agent opens it). */
export function preloadScreens(): Promise<void> {
  return Promise.all([readerRecord.preload(), connectionsScreen.preload(), historyScreen.preload()]).then(
    () => undefined,
    () => undefined,
  );
}
