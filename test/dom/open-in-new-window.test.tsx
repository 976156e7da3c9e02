import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { MAX_CONSOLE_WINDOWS } from '../../common/windows-contract';
import { SANDBOX, SHIVAM } from './fixtures';
import { openReader, seededBridge } from './render-app';

// Issue 22.4: an agent working two tickets side by side opens a reader in a second
// console window. The button asks main for the window; this window stays as it was.

const head = () => screen.getByRole('heading', { level: 2, name: 'Shivam Dubey' }).closest('.reader-head') as HTMLElement;

describe('Open in new window', () => {
  it('asks main to open this reader, by user id on this connection by name, and keeps the edits in this window', { timeout: 20_000 }, async () => {
    const { user, bridge } = await openReader(SHIVAM.userId);
    await user.type(screen.getByRole('textbox', { name: 'Phone number' }), '91');
    await user.click(within(head()).getByRole('button', { name: 'Open in new window' }));
    expect(bridge.callsTo('openReaderWindow')).toEqual([{ userId: SHIVAM.userId, connection: SANDBOX.name }]);
    expect(await within(head()).findByRole('status')).toHaveTextContent('Opened this reader in a new window.');
    expect(screen.getByRole('textbox', { name: 'Phone number' })).toHaveValue('91');
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
  });

  it('says when the console has as many windows as it opens, and what to do', async () => {
    const bridge = seededBridge();
    bridge.otherWindows = MAX_CONSOLE_WINDOWS - 1;
    const { user } = await openReader(SHIVAM.userId, bridge);
    await user.click(within(head()).getByRole('button', { name: 'Open in new window' }));
    expect(await within(head()).findByRole('status')).toHaveTextContent(
      `${MAX_CONSOLE_WINDOWS} console windows are open already. Close one you no longer need, then open this reader in a new window again.`,
    );
  });
});

describe('the shortcuts dialog', () => {
  it('lists the File menu’s New Window shortcut with the console’s own', async () => {
    const { user } = await openReader(SHIVAM.userId);
    await user.click(screen.getByRole('heading', { name: 'Shivam Dubey' }));
    await user.keyboard('?');
    const dialog = await screen.findByRole('dialog', { name: 'Keyboard shortcuts' });
    expect(within(dialog).getByRole('row', { name: /Open a new console window/ })).toHaveTextContent('Ctrl+Shift+N');
  });
});

describe('the window title', () => {
  it('never holds the open reader’s name: the OS keeps window titles in the clear', async () => {
    const { user } = await openReader(SHIVAM.userId);
    expect(document.title).toBe('ConsCent Console — Publisher sandbox (Sandbox)');
    const search = screen.getByLabelText('Find a reader');
    await user.clear(search);
    await user.type(search, 'nobody@example.com{Enter}');
    await screen.findByRole('heading', { name: /No reader found/ });
    expect(document.title).toBe('ConsCent Console — Publisher sandbox (Sandbox)');
  });
});
