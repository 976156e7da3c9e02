import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { HistoryEntry, HistoryPage } from '../../common/history-schemas';
import { openHistory, openReader, seededBridge } from './render-app';
import { SHIVAM, historyEntry } from './fixtures';

// Issue 18, item 3, in the renderer: for each of the seven tamper cases, main's answer as
// test/node/history-tamper.test.ts asserts it, and the sentences the History screen shows
// for it. Then the values a damaged history pre-fills, marked in the form and the review.

type Answer = Pick<HistoryPage, 'problems' | 'events' | 'integrity'>;
const WHOLE = { unsignedEntries: 0, unverifiableEntries: 0, damaged: false };
const DAMAGED = { ...WHOLE, damaged: true };
const AT = '2025-12-08T10:00:00.000Z';
const WHO = { agent: { osUser: 'maria' }, machine: 'desk-12' };

const CASES: [string, Answer, (string | RegExp)[]][] = [
  [
    '1. cutting the last lines',
    {
      problems: [
        {
          file: '2025-12.jsonl',
          line: 5,
          entryId: 6,
          problem:
            'The history ends early: its last 2 lines were removed outside the console (it was last written with change 6; it now ends with change 5).',
        },
      ],
      events: [],
      integrity: DAMAGED,
    },
    [
      '2025-12.jsonl, line 5 (change 6): The history ends early: its last 2 lines were removed outside the console (it was last written with change 6; it now ends with change 5).',
      'Values this history fills into a form or a revert are marked “from a damaged history”: check them with the reader before sending.',
    ],
  ],
  [
    '2. deleting the newest month file',
    {
      problems: [
        {
          file: '2025-12.jsonl',
          line: 0,
          entryId: 6,
          problem: 'This file is missing: it held the newest lines of the history, up to change 6 (6 lines). It was removed outside the console.',
        },
      ],
      events: [],
      integrity: DAMAGED,
    },
    [
      '2025-12.jsonl (change 6): This file is missing: it held the newest lines of the history, up to change 6 (6 lines). It was removed outside the console.',
    ],
  ],
  [
    '3. deleting the oldest month plus a hand-written anchor.json',
    {
      problems: [
        {
          file: '2025-12.jsonl',
          line: 1,
          entryId: 4,
          problem:
            "The history does not start where it should: its oldest entries (or a whole month file) were removed or changed outside the console; the record of its start is kept in this computer's keychain.",
        },
      ],
      events: [],
      integrity: DAMAGED,
    },
    [/^2025-12\.jsonl, line 1 \(change 4\): The history does not start where it should/],
  ],
  ...(['4. rewriting an entry with the SHA-256 chain recomputed', '5. rewriting an entry with a made-up HMAC key'] as const).map(
    (name): [string, Answer, (string | RegExp)[]] => [
      name,
      {
        problems: [
          {
            file: '2025-11.jsonl',
            line: 4,
            entryId: 2,
            problem:
              "The chain is broken here: the line before this one was changed, or lines were removed or added, outside the console. The 8 lines after it do not chain either: they were re-chained outside the console, without this computer's key.",
          },
          {
            file: '2025-12.jsonl',
            line: 0,
            entryId: 6,
            problem:
              'The lines the console wrote last (up to change 6) are not there as they were written: they were changed or replaced outside the console.',
          },
        ],
        events: [],
        integrity: DAMAGED,
      },
      [
        /^2025-11\.jsonl, line 4 \(change 2\): The chain is broken here: .* re-chained outside the console, without this computer's key\.$/,
        '2025-12.jsonl (change 6): The lines the console wrote last (up to change 6) are not there as they were written: they were changed or replaced outside the console.',
      ],
    ],
  ),
  [
    '6. Clear history',
    { problems: [], events: [{ what: 'cleared', at: AT, ...WHO, entries: 6 }], integrity: WHOLE },
    ['History cleared on 8 Dec 2025, 10:00 UTC by maria on desk-12: 6 changes removed.'],
  ],
  [
    '7. a 1-day retention erasing everything',
    {
      problems: [],
      events: [
        { what: 'purged', at: '2025-12-11T10:00:00.000Z', ...WHO, entries: 6, retentionDays: 1 },
        { what: 'retention-changed', at: AT, ...WHO, entries: 6, retentionDays: 1, previousDays: 180 },
      ],
      integrity: WHOLE,
    },
    [
      '6 changes older than 1 day removed by the retention setting on 11 Dec 2025, 10:00 UTC.',
      'Retention changed from 180 days to 1 day on 8 Dec 2025, 10:00 UTC by maria on desk-12 (6 changes in the history then).',
    ],
  ],
];

// One field changed, by an agent with no display name.
const entry = (over: Partial<HistoryEntry> = {}) =>
  historyEntry({ agent: { osUser: 'maria' }, changes: [{ field: 'name', before: 'Shivam Dubey', after: 'Shivam D.' }], ...over });

describe('what the History screen says for each tamper case', () => {
  it.each(CASES)('%s', async (_name, answer, sentences) => {
    const bridge = seededBridge();
    bridge.history.problems = answer.problems;
    bridge.history.events = answer.events;
    bridge.history.integrity = answer.integrity;
    const { unmount } = await openHistory(bridge);
    for (const sentence of sentences) expect(await screen.findByText(sentence)).toBeInTheDocument();
    if (answer.problems.length === 0) expect(screen.queryByText(/The history files have/)).toBeNull();
    else
      expect(screen.getByRole('alert')).toHaveTextContent(
        answer.problems.length === 1 ? 'The history files have a problem' : 'The history files have 2 problems',
      );
    unmount();
  });

  it('a keychain reset: the old entries are marked "Not verifiable" and the screen says why', async () => {
    const bridge = seededBridge();
    bridge.history.add({ ...entry(), unverifiable: true });
    bridge.history.integrity = { unsignedEntries: 0, unverifiableEntries: 1, damaged: true };
    bridge.history.events = [{ what: 'new-key', at: AT, entries: 0 }];
    await openHistory(bridge);
    expect(
      await screen.findByText(
        /The key that signs this history is no longer in this computer's keychain .* The 1 change recorded before then cannot be verified/,
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText('On 8 Dec 2025, 10:00 UTC the key that signs this history was missing from the keychain; a new key signs it from then on.'),
    ).toBeInTheDocument();
    const card = screen.getByRole('listitem', { name: /Change 1/ });
    expect(within(card).getByText('Not verifiable')).toBeInTheDocument();
  });

  it('a history set aside because its data key was lost says so, where it went, and that a new, empty one started', async () => {
    const bridge = seededBridge();
    bridge.history.events = [{ what: 'set-aside', at: AT, entries: 0, setAside: { folder: 'unreadable-2025-12-08T10-00-00-000Z', lines: 14 } }];
    await openHistory(bridge);
    expect(
      await screen.findByText(
        /the console could not read the history: it is encrypted with a key that is no longer in this computer's keychain \(was the keychain reset\?\)\. Its 14 lines were set aside in the history folder's “unreadable-2025-12-08T10-00-00-000Z”, and a new, empty history started\./,
      ),
    ).toBeInTheDocument();
  });

  it('an older unsigned history says where signing starts', async () => {
    const bridge = seededBridge();
    bridge.history.integrity = { unsignedEntries: 3, signedFrom: { file: '2025-11.jsonl', line: 7 }, unverifiableEntries: 0, damaged: false };
    await openHistory(bridge);
    expect(
      await screen.findByText(/The oldest 3 changes were recorded before the history was signed: .* Signing starts at 2025-11\.jsonl, line 7\./),
    ).toBeInTheDocument();
  });
});

describe('values a damaged history pre-fills are never used silently', () => {
  it('in the form and in the review: "from a damaged history"', { timeout: 20_000 }, async () => {
    const bridge = seededBridge();
    bridge.rememberFromHistory = { at: '2025-11-12T10:00:00.000Z', fields: ['phone', 'countryCode'], damaged: true };
    const { user } = await openReader(SHIVAM.userId, bridge);
    expect(screen.getAllByText(/from your save on this computer — from a damaged history, check it with the reader/).length).toBeGreaterThan(0);
    await user.clear(screen.getByLabelText('Phone number'));
    await user.type(screen.getByLabelText('Phone number'), '9000000009');
    await user.click(screen.getByRole('button', { name: 'Review changes' }));
    const review = await screen.findByRole('dialog', { name: 'Review changes before sending' });
    expect(within(review).getByText(/from a damaged history, check it with the reader/)).toBeInTheDocument();
  });

  it('a revert from a damaged history: said above the form and in the review', { timeout: 20_000 }, async () => {
    const bridge = seededBridge();
    bridge.user(SHIVAM.userId)!.name = 'Shivam D.';
    bridge.history.add(entry());
    bridge.history.integrity = DAMAGED;
    const { user } = await openHistory(bridge);
    await user.click(await screen.findByRole('button', { name: 'Revert this change' }));
    await screen.findByRole('heading', { name: 'Reverting change 1' });
    const warning = 'The previous values of change 1 come from a damaged history: check them with the reader before sending.';
    expect(screen.getByText(warning)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Review changes' }));
    const review = await screen.findByRole('dialog', { name: 'Review changes before sending' });
    expect(within(review).getByText(warning)).toBeInTheDocument();
  });
});
