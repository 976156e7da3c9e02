import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSettingsStore } from '../../main/settings/settings-store';
import { STORED_CONNECTION } from './history-fixtures';
import { tempFolders } from '../helpers/temp-folders';

// The settings file's `audit` section (issue 20; docs/installing.md): read with its
// defaults, kept when the console writes the file, and a wrong one never costs a connection.

const newDir = tempFolders('conscent-audit-settings-');
const file = (audit: unknown) => ({ version: 2, connections: [STORED_CONNECTION], activeConnectionId: STORED_CONNECTION.id, audit });

describe('settings.json audit section', () => {
  it('is read with its defaults and kept when the console saves the file', async () => {
    const path = join(newDir(), 'settings.json');
    await writeFile(path, JSON.stringify(file({ host: 'logs.example.com' })));
    const store = createSettingsStore(path);
    const { settings } = await store.load();
    expect('audit' in settings && settings.audit).toEqual({
      host: 'logs.example.com',
      port: 6514,
      tls: true,
      facility: 'audit',
      appName: 'conscent-console',
      values: 'names',
      outboxSize: 100_000,
      whenFull: 'keep-saving',
      headEveryMinutes: 60,
    });
    await store.setActive(null);
    expect(JSON.parse(await readFile(path, 'utf8'))).toMatchObject({ audit: { host: 'logs.example.com' } });
  });

  it('a wrong section sets the file aside, keeps the connections and forwards nothing', async () => {
    const path = join(newDir(), 'settings.json');
    await writeFile(path, JSON.stringify(file({ host: 'logs.example.com', port: 70_000 })));
    const { settings, recovered } = await createSettingsStore(path).load();
    expect(settings.connections).toEqual([STORED_CONNECTION]);
    expect('audit' in settings ? settings.audit : undefined).toBeUndefined();
    expect(recovered?.movedTo).toContain('settings.json.');
  });
});
