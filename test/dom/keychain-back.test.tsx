import { act, screen } from '@testing-library/react';
import { expect, it } from 'vitest';
import { SHIVAM } from './fixtures';
import { openReader, seededBridge } from './render-app';

// Issue 17.5: the keychain service went away and came back while the console ran. The
// agent had been told it could not be used; main says when it answers again, and the page
// says so, with what to do, without a restart.

it('after a keychain failure, says "the keychain is back" when main reports it, and the lookup works again', async () => {
  const bridge = seededBridge();
  const { user } = await openReader(SHIVAM.userId, bridge);
  bridge.failNext('lookupReader', { kind: 'keychain', reason: 'no-secret-service' });
  const search = screen.getByLabelText('Find a reader');
  await user.clear(search);
  await user.type(search, `${SHIVAM.userId}{Enter}`);
  expect(await screen.findByText(/No keychain service is running/)).toBeInTheDocument();
  expect(screen.queryByText(/restart the keychain service/i)).not.toBeInTheDocument();

  act(() => bridge.emitAppEvent({ kind: 'keychain-back' }));
  expect(await screen.findByText(/The system keychain is back\./)).toBeInTheDocument();
  expect(screen.getByText(/try again what did not work/)).toBeInTheDocument();
  await user.click(screen.getByRole('button', { name: 'Dismiss' }));
  expect(screen.queryByText(/The system keychain is back\./)).not.toBeInTheDocument();
  await user.click(screen.getByRole('button', { name: 'Search' }));
  expect(await screen.findByRole('heading', { name: 'Edit details' })).toBeInTheDocument();
  expect(screen.queryByText(/No keychain service is running/)).not.toBeInTheDocument();
}, 20_000);

it('a console restart is asked for in so many words when the keychain cannot be reconnected', async () => {
  const bridge = seededBridge();
  const { user } = await openReader(SHIVAM.userId, bridge);
  bridge.failNext('lookupReader', { kind: 'keychain', reason: 'restart-console' });
  const search = screen.getByLabelText('Find a reader');
  await user.clear(search);
  await user.type(search, `${SHIVAM.userId}{Enter}`);
  expect(await screen.findByText(/Close the console and start it again/)).toBeInTheDocument();
}, 20_000);
