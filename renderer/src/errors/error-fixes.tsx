import { createContext, useContext, type ReactNode } from 'react';
import type { FixAction } from './advice';

// Who does what an error's button offers (issue 22.3). The app gives what is the same on
// every screen (opening the connection settings); a screen adds its own (Try again re-runs
// its request, Refresh reads again). `null` turns one off where it would go wrong (e.g.
// leaving a dialog half-way). The keychain help is shown by the notice itself.

export type FixHandlers = Partial<Record<FixAction, (() => void) | null>>;

const AppFixes = createContext<FixHandlers>({});

export function AppFixesProvider({ value, children }: { value: FixHandlers; children: ReactNode }) {
  return <AppFixes.Provider value={value}>{children}</AppFixes.Provider>;
}

/** The app's handlers overlaid with the screen's own. */
export function useFixHandlers(own: FixHandlers | undefined): FixHandlers {
  const app = useContext(AppFixes);
  return { ...app, ...own };
}
