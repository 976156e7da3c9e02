import { createContext, useContext, type ReactNode } from 'react';
import type { HistoryFilter, RevertPlan } from '../../../common/history-schemas';

// Moving between the reader screen and History: the reader's summary opens the full list
// filtered to that reader, "Revert this change" opens the reader with the plan, and
// "Look the reader up now" opens the reader of a change of unknown outcome.

export type HistoryNavigation = {
  showHistory: (filter: HistoryFilter) => void;
  startRevert: (plan: RevertPlan) => void;
  /** Looks a reader up again on the active connection (a change whose outcome ConsCent never confirmed). */
  checkReader: (userId: string) => void;
};

const NOWHERE: HistoryNavigation = { showHistory: () => undefined, startRevert: () => undefined, checkReader: () => undefined };
const HistoryNavigationContext = createContext<HistoryNavigation>(NOWHERE);

export function HistoryNavigationProvider({ value, children }: { value: HistoryNavigation; children: ReactNode }) {
  return <HistoryNavigationContext.Provider value={value}>{children}</HistoryNavigationContext.Provider>;
}

export function useHistoryNavigation(): HistoryNavigation {
  return useContext(HistoryNavigationContext);
}
