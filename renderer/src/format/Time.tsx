import type { ReactNode } from 'react';
import { localTime, utcTime } from './times';

/** A moment as the agent reads it (their zone), with the UTC minute on hover; `fallback` when absent. */
export function Time({ iso, fallback = null }: { iso: string | null | undefined; fallback?: ReactNode }) {
  const local = localTime(iso);
  if (local === null || !iso) return <>{fallback}</>;
  const utc = utcTime(iso);
  return (
    <time dateTime={iso} title={utc ?? undefined}>
      {local}
    </time>
  );
}
