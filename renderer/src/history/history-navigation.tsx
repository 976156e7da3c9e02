import { createContext, useContext, type ReactNode } from 'react';
import type { HistoryFilter, RevertPlan } from '../../../common/history-schemas';

// Moving between the reader screen and History: the reader's summary opens the full list
// filtered to that reader, and "Revert this change" opens the reader with the plan.

export type HistoryNavigation = {
  showHistory: (filter: HistoryFilter) => void;
  startRevert: (plan: RevertPlan) => void;
};

const NOWHERE: HistoryNavigation = { showHistory: () => undefined, startRevert: () => undefined };
const HistoryNavigationContext = createContext<HistoryNavigation>(NOWHERE);

export function HistoryNavigationProvider({ value, children }: { value: HistoryNavigation; children: ReactNode }) {
  return <HistoryNavigationContext.Provider value={value}>{children}</HistoryNavigationContext.Provider>;
}

export function useHistoryNavigation(): HistoryNavigation {
  return useContext(HistoryNavigationContext);
}
