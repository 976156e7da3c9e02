import { spawn, type ChildProcess } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { hostname, uptime } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { LOCK_FILE_NAME } from '../../main/user-data-lock';
import { launchConsole, type ConsoleUnderTest } from './harness';
import { steps } from './ui-steps';

// Issue 17 item 9: the console starts on a data folder another console holds (a running
// process on this computer owns console.lock). The page says so, which console has it and
// what to do, and nothing is read or written; once that console has gone, "Try again"
// goes on as usual.

let app: ConsoleUnderTest;
let other: ChildProcess;
const page = (): Page => app.page;
const ui = steps(page);

beforeAll(async () => {
  // The other console: any live process on this computer whose id the lock names.
  other = spawn(process.execPath, ['-e', 'setInterval(() => {}, 60000)'], { stdio: 'ignore' });
  const holder = { pid: other.pid, machine: hostname(), since: '2025-11-12T10:00:00.000Z', bootedAt: Math.round(Date.now() - uptime() * 1000) };
  app = await launchConsole({ userCount: 20, seed: 5 }, { prepareUserData: (dir) => writeFile(join(dir, LOCK_FILE_NAME), JSON.stringify(holder)) });
});
afterAll(async () => {
  if (other.exitCode === null && other.signalCode === null) {
    other.kill('SIGKILL');
    await new Promise((resolve) => other.once('close', resolve));
  }
  await app?.close();
});

it('says another console is using the data folder, names it, and says to close it', async () => {
  const notice = page().getByRole('alert').filter({ hasText: 'Another ConsCent Console is already using' });
  await notice.waitFor();
  const text = await notice.innerText();
  expect(text).toMatch(/Close the other console/);
  expect(text).toContain(`console process ${other.pid} on the computer “${hostname()}”`);
  expect(text).toContain(app.userDataDir);
  await app.screenshot('data-folder-in-use');
});

it('once the other console has gone, "Try again" opens the console as usual', async () => {
  other.kill('SIGKILL');
  await new Promise((resolve) => other.once('close', resolve));
  await page().getByRole('button', { name: 'Try again' }).click();
  await ui.field('Connection name').waitFor();
});
