import { createContext, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import type { AppCommand } from '../../../common/app-events';

// One way for a command to reach the part of the page that acts on it, whoever asked:
// a shortcut (keyboard/use-shortcuts.ts), the app menu (through the bridge's one
// subscription) or a button. The reader screen, the edit form and the help dialog each
// listen for their own commands; a command nobody can act on now does nothing.

type Listener = (command: AppCommand) => void;

export class CommandBus {
  private readonly listeners = new Set<Listener>();
  run(command: AppCommand): void {
    for (const listener of [...this.listeners]) listener(command);
  }
  listen(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }
}

const CommandContext = createContext<CommandBus | null>(null);

export function CommandProvider({ bus, children }: { bus: CommandBus; children: ReactNode }) {
  return <CommandContext.Provider value={bus}>{children}</CommandContext.Provider>;
}

/** The bus (a fresh private one outside a provider, so components also render alone in tests). */
export function useCommandBus(): CommandBus {
  const bus = useContext(CommandContext);
  const [fallback] = useState(() => new CommandBus());
  return bus ?? fallback;
}

/** Calls `handler` for `command` while this component is mounted and `enabled`. */
export function useCommand(command: AppCommand, handler: () => void, enabled = true): void {
  const bus = useCommandBus();
  const latest = useRef(handler);
  useEffect(() => {
    latest.current = handler;
  });
  useEffect(() => {
    if (!enabled) return undefined;
    return bus.listen((run) => {
      if (run === command) latest.current();
    });
  }, [bus, command, enabled]);
}
