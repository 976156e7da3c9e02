import { useEffect } from 'react';
import type { CommandBus } from './commands';
import { commandForKey } from './shortcuts';

// The console's shortcuts, answered by the page itself (the app menu only shows them, so
// they behave the same everywhere and never fire twice). While a dialog is open the page
// behind it is inert: its shortcuts wait, and the dialog handles its own keys.

export function useShortcuts(bus: CommandBus): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || document.querySelector('[aria-modal="true"]')) return;
      const command = commandForKey(event);
      if (!command) return;
      event.preventDefault();
      bus.run(command);
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [bus]);
}
