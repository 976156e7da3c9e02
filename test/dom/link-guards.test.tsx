import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ASHA, PRODUCTION, RAVI, SANDBOX, SHIVAM } from './fixtures';
import { openReader, seededBridge } from './render-app';

// Issue 18 item 5: a conscent-console:// link never changes what the agent has unasked.
// (a) it switches to a Production connection only after the agent confirms, in a question
// naming the connection and its host; (b) a second link while a link's question is open
// replaces the first and says so; (c) a link that arrives during a save waits for the
// save's outcome, then asks.

const band = () => screen.getByTestId('environment-band');
const emitLink = (bridge: ReturnType<typeof seededBridge>, link: { kind: 'userId' | 'email'; value: string; connection?: string }) =>
  act(() => bridge.emitAppEvent({ kind: 'open-link', link }));

describe('(a) a link that would switch to a Production connection', () => {
  const twoConnections = () => seededBridge({ connections: [SANDBOX, PRODUCTION], activeConnectionId: SANDBOX.id });

  it('asks first, naming the connection and its host; "Keep editing" leaves connection, reader and edits as they were', async () => {
    const { user, bridge } = await openReader(SHIVAM.userId, twoConnections());
    await user.type(screen.getByLabelText('Phone number'), '9876543210');
    emitLink(bridge, { kind: 'userId', value: ASHA.userId, connection: 'Publisher live' });

    const dialog = await screen.findByRole('alertdialog', { name: 'Switch to the Production connection “Publisher live”?' });
    expect(dialog).toHaveTextContent('from “Publisher sandbox” to “Publisher live”, a Production connection at api.conscent.in');
    expect(dialog).toHaveTextContent(`look up the reader with user id ${ASHA.userId}`);
    expect(dialog).toHaveTextContent('The changes you made to this reader have not been sent');
    expect(bridge.callsTo('selectConnection')).toEqual([]);

    await user.click(within(dialog).getByRole('button', { name: 'Keep editing' }));
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(bridge.callsTo('selectConnection')).toEqual([]);
    expect(bridge.callsTo('lookupReader')).toHaveLength(1);
    expect(band()).toHaveTextContent(/SANDBOX/);
    expect(screen.getByRole('heading', { name: 'Shivam Dubey' })).toBeInTheDocument();
    expect(screen.getByLabelText('Phone number')).toHaveValue('9876543210');
  });

  it('"Stay here" switches nothing; "Switch to Production and open" switches, says so and opens the reader there', async () => {
    const { user, bridge } = await openReader(SHIVAM.userId, twoConnections());
    emitLink(bridge, { kind: 'userId', value: ASHA.userId, connection: 'publisher LIVE' });
    const first = await screen.findByRole('alertdialog', { name: 'Switch to the Production connection “Publisher live”?' });
    // Without unsent edits the safe answer is "Stay here"; the link can be followed again.
    await user.click(within(first).getByRole('button', { name: 'Stay here' }));
    expect(bridge.callsTo('selectConnection')).toEqual([]);
    expect(band()).toHaveTextContent(/SANDBOX/);
    emitLink(bridge, { kind: 'userId', value: ASHA.userId, connection: 'publisher LIVE' });
    const dialog = await screen.findByRole('alertdialog', { name: 'Switch to the Production connection “Publisher live”?' });
    await user.click(within(dialog).getByRole('button', { name: 'Switch to Production and open' }));
    await screen.findByText('Switched to the connection “Publisher live” (Production) because the link asked for it.');
    await screen.findByRole('heading', { name: 'Asha Verma' });
    expect(bridge.callsTo('selectConnection')).toEqual([{ id: PRODUCTION.id }]);
    expect(bridge.callsTo('lookupReader').at(-1)).toMatchObject({ connectionId: PRODUCTION.id, query: ASHA.userId });
    expect(band()).toHaveTextContent(/PRODUCTION/);
  });

  it('a link on the Production connection already active asks nothing: nothing is switched', async () => {
    const bridge = seededBridge({ connections: [SANDBOX, PRODUCTION], activeConnectionId: PRODUCTION.id });
    await openReader(SHIVAM.userId, bridge);
    emitLink(bridge, { kind: 'userId', value: ASHA.userId, connection: 'Publisher live' });
    await screen.findByRole('heading', { name: 'Asha Verma' });
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(bridge.callsTo('selectConnection')).toEqual([]);
  });
});

describe('(b) a second link while the first one’s question is open', () => {
  it('replaces the first and says so; only the newest is opened', async () => {
    const { user, bridge } = await openReader(SHIVAM.userId);
    await user.type(screen.getByLabelText('Phone number'), '9876543210');
    emitLink(bridge, { kind: 'userId', value: ASHA.userId });
    await screen.findByRole('alertdialog', { name: 'Discard unsent changes?' });
    emitLink(bridge, { kind: 'email', value: RAVI.email ?? '' });

    const dialog = await screen.findByRole('alertdialog', { name: 'Discard unsent changes?' });
    await waitFor(() => expect(dialog).toHaveTextContent(`look up the reader with email ${RAVI.email}`));
    expect(dialog).toHaveTextContent(
      `It replaced an earlier link that arrived while this question was open (user id ${ASHA.userId}), which was not opened.`,
    );
    expect(screen.getAllByRole('alertdialog')).toHaveLength(1);

    await user.click(within(dialog).getByRole('button', { name: 'Discard changes and open' }));
    await screen.findByRole('heading', { name: 'Ravi Verma' });
    expect(bridge.callsTo('lookupReader').map((call) => call.query)).toEqual([SHIVAM.userId, RAVI.email]);
  });

  it('"Keep editing" opens neither link and keeps the edits', async () => {
    const { user, bridge } = await openReader(SHIVAM.userId);
    await user.type(screen.getByLabelText('Phone number'), '9876543210');
    emitLink(bridge, { kind: 'userId', value: ASHA.userId });
    await screen.findByRole('alertdialog', { name: 'Discard unsent changes?' });
    emitLink(bridge, { kind: 'email', value: RAVI.email ?? '' });
    const dialog = await screen.findByRole('alertdialog', { name: 'Discard unsent changes?' });
    await waitFor(() => expect(dialog).toHaveTextContent('It replaced an earlier link'));
    await user.click(within(dialog).getByRole('button', { name: 'Keep editing' }));
    expect(bridge.callsTo('lookupReader')).toHaveLength(1);
    expect(screen.getByLabelText('Phone number')).toHaveValue('9876543210');
  });

  it('a link while the agent’s own "Discard unsent changes?" question is open waits for the answer, then asks', async () => {
    const { user, bridge } = await openReader(SHIVAM.userId);
    await user.type(screen.getByLabelText('Phone number'), '9876543210');
    await user.click(screen.getByRole('button', { name: 'Discard edits' }));
    const own = await screen.findByRole('alertdialog', { name: 'Discard unsent changes?' });
    emitLink(bridge, { kind: 'userId', value: ASHA.userId });
    expect(screen.getAllByRole('alertdialog')).toHaveLength(1);
    await user.click(within(own).getByRole('button', { name: 'Keep editing' }));
    const dialog = await screen.findByRole('alertdialog', { name: 'Discard unsent changes?' });
    expect(dialog).toHaveTextContent(`look up the reader with user id ${ASHA.userId}`);
    expect(bridge.callsTo('lookupReader')).toHaveLength(1);
  });
});

describe('(c) a link that arrives during a save', () => {
  async function sendWithHeldAnswer() {
    const rendered = await openReader(SHIVAM.userId);
    const { user, bridge } = rendered;
    await user.type(screen.getByLabelText('Phone number'), '9876543210');
    await user.click(screen.getByRole('button', { name: 'Review changes' }));
    const review = await screen.findByRole('dialog', { name: 'Review changes before sending' });
    const held = bridge.holdNext('updateReader');
    await user.click(within(review).getByRole('button', { name: 'Send changes' }));
    await within(review).findByText('Sending the changes to ConsCent…');
    return { ...rendered, held, review };
  }

  it('waits for the outcome (nothing asked, nothing looked up meanwhile), then asks, saying the change was saved', async () => {
    const { user, bridge, held } = await sendWithHeldAnswer();
    emitLink(bridge, { kind: 'userId', value: ASHA.userId });
    await act(async () => {}); // let the page take the link
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(bridge.callsTo('lookupReader')).toHaveLength(1);

    held.release();
    const dialog = await screen.findByRole('alertdialog', { name: 'Open the reader from the link?' });
    expect(dialog).toHaveTextContent(
      'It arrived while your changes were being sent, so the console waited for ConsCent’s answer: the changes were saved.',
    );
    expect(screen.getAllByText(/User Details Updated Successfully/).length).toBeGreaterThan(0);
    expect(bridge.callsTo('updateReader')).toHaveLength(1);
    expect(bridge.user(SHIVAM.userId)?.phone).toBe('9876543210');

    await user.click(within(dialog).getByRole('button', { name: 'Open the reader' }));
    await screen.findByRole('heading', { name: 'Asha Verma' });
  });

  it('when the save fails, says so after the outcome; "Keep editing" keeps the edits and the review with its error', async () => {
    const { user, bridge, held, review } = await sendWithHeldAnswer();
    bridge.failNext('updateReader', { kind: 'server-error', status: 503 });
    emitLink(bridge, { kind: 'userId', value: ASHA.userId });
    await act(async () => {});
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();

    held.release();
    const dialog = await screen.findByRole('alertdialog', { name: 'Discard unsent changes?' });
    expect(dialog).toHaveTextContent('the changes were not saved (the review says why).');
    await user.click(within(dialog).getByRole('button', { name: 'Keep editing' }));
    expect(within(review).getByText(/HTTP 503/)).toBeInTheDocument();
    expect(bridge.callsTo('lookupReader')).toHaveLength(1);
    expect(screen.getByLabelText('Phone number')).toHaveValue('9876543210');
  });
});
