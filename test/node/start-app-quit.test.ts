import { describe, expect, it, vi } from 'vitest';
import { startToReady } from './start-app-harness';

// Main's quit path (issue 20): once every window has closed, 'will-quit' is held while the
// app's services stop (the audit forwarder's bounded flush, its socket and timers: see
// test/node/audit-stop-at-quit.test.ts), then the quit is asked again and goes through.

describe('quitting the console', () => {
  it('holds the first quit until the services have stopped, then quits; the second quit is not held', async () => {
    const electron = await startToReady();
    const first = { preventDefault: vi.fn() };
    electron.app.emit('will-quit', first);
    expect(first.preventDefault).toHaveBeenCalledTimes(1);
    await vi.waitFor(() => expect(electron.app.quit).toHaveBeenCalledTimes(1));

    const second = { preventDefault: vi.fn() };
    electron.app.emit('will-quit', second);
    expect(second.preventDefault).not.toHaveBeenCalled();
  });
});
