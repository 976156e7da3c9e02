import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { SettingsRecovery } from '../../common/connections-contract';
import type { HistoryPreferences } from '../../common/history-schemas';
import type { ErrorOf } from '../../common/result';
import { ConfigError } from '../errors/config-error';
import { ConsoleFailure } from '../errors/console-failure';
import { writeFileAtomic } from './atomic-write';
import { TOO_LARGE, moveAside, readCapped } from './side-file';
import { EMPTY_SETTINGS, MAX_CONNECTIONS, SettingsFile, salvageSettings, type StoredConnection } from './settings-schema';

/**
 * The settings file is never read past this: 50 connections take a few kilobytes, so a
 * larger file is not ours (or is damaged) and is kept aside rather than parsed.
 */
export const MAX_SETTINGS_BYTES = 1024 * 1024;

/** The settings file could not be written (or is stuck): facts only, the renderer words them. */
export class SettingsError extends ConsoleFailure<ErrorOf<'settings'>> {
  override readonly name = 'SettingsError';

  constructor(facts: Omit<ErrorOf<'settings'>, 'kind'> & { reason: NonNullable<ErrorOf<'settings'>['reason']> }) {
    super({ kind: 'settings', ...facts });
  }
}

export interface SettingsStore {
  /** Reads the file once; later calls return the cached state. Never throws for a bad file. */
  load(): Promise<{ settings: SettingsFile; recovered?: SettingsRecovery }>;
  upsert(connection: StoredConnection): Promise<StoredConnection>;
  remove(id: string): Promise<boolean>;
  /** `alsoKnown`: ids that are not in the file but may be active (the policy's connections, issue 21.1). */
  setActive(id: string | null, alsoKnown?: readonly string[]): Promise<void>;
  /** The change history's display name and retention, kept in the same file. */
  setHistoryPreferences(preferences: HistoryPreferences): Promise<void>;
}

/**
 * Connections in one JSON file in the app's data folder. A file that cannot be
 * parsed or validated is moved aside (never deleted, never silently emptied) and the
 * agent is told where it went; a file that cannot even be read or moved blocks writes so
 * it is never overwritten.
 */
export function createSettingsStore(filePath: string, now: () => Date = () => new Date()): SettingsStore {
  let state: SettingsFile | undefined;
  // One read even when two loads arrive together (the page asks for both lists at once):
  // two reads of a damaged file would both set it aside.
  let reading: Promise<SettingsFile> | undefined;
  let recovered: SettingsRecovery | undefined;
  let blocked: SettingsError | undefined;
  // Serialises writes: two saves racing must not interleave read-modify-write.
  let queue: Promise<unknown> = Promise.resolve();

  async function setAside(reason: SettingsRecovery['reason'], refused?: SettingsRecovery['refused']): Promise<void> {
    const movedTo = await moveAside(filePath, now());
    if (!movedTo) {
      blocked = new SettingsError({ reason: 'settings-stuck', path: filePath });
      return;
    }
    recovered = { reason, movedTo, ...(refused ? { refused } : {}) };
  }

  async function read(): Promise<SettingsFile> {
    let text: string | typeof TOO_LARGE;
    try {
      text = await readCapped(filePath, MAX_SETTINGS_BYTES);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return EMPTY_SETTINGS;
      await setAside('unreadable');
      return EMPTY_SETTINGS;
    }
    if (text === TOO_LARGE) {
      await setAside('too-large');
      return EMPTY_SETTINGS;
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      await setAside(text.trim() === '' ? 'empty' : 'not-json');
      return EMPTY_SETTINGS;
    }
    const parsed = SettingsFile.safeParse(json);
    if (!parsed.success) {
      // Keep every connection today's rules accept; the file as it was goes aside, so the
      // refused ones' settings are kept too, and their keychain entries stay where they are.
      const salvaged = salvageSettings(json);
      if (salvaged && salvaged.settings.connections.length > 0) {
        await setAside('connections-refused', salvaged.refused);
        return salvaged.settings;
      }
      await setAside('not-understood');
      return EMPTY_SETTINGS;
    }
    return parsed.data;
  }

  async function current(): Promise<SettingsFile> {
    if (state) return state;
    reading ??= read();
    const first = await reading;
    state ??= first;
    return state;
  }

  function write(mutate: (settings: SettingsFile) => SettingsFile): Promise<SettingsFile> {
    const next = queue.then(async () => {
      const before = await current();
      if (blocked) throw blocked;
      const after = mutate(before);
      try {
        await mkdir(dirname(filePath), { recursive: true });
        await writeFileAtomic(filePath, `${JSON.stringify(after, null, 2)}\n`);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        throw new SettingsError({ reason: 'settings-unwritable', path: filePath, ...(code ? { code } : {}) });
      }
      state = after;
      return after;
    });
    queue = next.catch(() => undefined);
    return next;
  }

  return {
    async load() {
      const settings = await current();
      if (blocked) throw blocked;
      return recovered ? { settings, recovered } : { settings };
    },
    async upsert(connection) {
      await write((s) => {
        const exists = s.connections.some((p) => p.id === connection.id);
        if (!exists && s.connections.length >= MAX_CONNECTIONS) {
          throw new SettingsError({ reason: 'too-many-connections', limit: MAX_CONNECTIONS });
        }
        const connections = exists ? s.connections.map((p) => (p.id === connection.id ? connection : p)) : [...s.connections, connection];
        return { ...s, connections, activeConnectionId: s.activeConnectionId ?? connection.id };
      });
      return connection;
    },
    async remove(id) {
      let removed = false;
      await write((s) => {
        removed = s.connections.some((p) => p.id === id);
        const connections = s.connections.filter((p) => p.id !== id);
        const activeConnectionId = s.activeConnectionId === id ? (connections[0]?.id ?? null) : s.activeConnectionId;
        return { ...s, connections, activeConnectionId };
      });
      return removed;
    },
    async setActive(id, alsoKnown = []) {
      await write((s) => {
        if (id !== null && !s.connections.some((p) => p.id === id) && !alsoKnown.includes(id))
          throw new ConfigError({ reason: 'no-such-connection' });
        return { ...s, activeConnectionId: id };
      });
    },
    async setHistoryPreferences(preferences) {
      await write((s) => ({ ...s, history: preferences }));
    },
  };
}
