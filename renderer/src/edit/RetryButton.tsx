import { useEffect, useState } from 'react';

// "Try again", held back until ConsCent's Retry-After has passed. The countdown runs
// against a fixed deadline (not by counting ticks), so a busy page cannot stretch it.
// Mount it anew (by key) for each failure so the deadline restarts.
export function RetryButton({ waitSeconds, onRetry, blocked = false }: { waitSeconds: number; onRetry: () => void; blocked?: boolean }) {
  const [deadline] = useState(() => Date.now() + Math.max(0, waitSeconds) * 1000);
  const [now, setNow] = useState(() => Date.now());
  const remaining = Math.max(0, Math.ceil((deadline - now) / 1000));
  const waiting = remaining > 0;

  useEffect(() => {
    if (!waiting) return;
    const timer = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(timer);
  }, [waiting]);

  return (
    <>
      <button type="button" className="primary" onClick={onRetry} disabled={waiting || blocked}>
        Try again
      </button>
      {waiting ? <span className="hint countdown">You can try again in {remaining} s.</span> : null}
    </>
  );
}
