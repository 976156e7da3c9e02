import { describe, expect, it } from 'vitest';
import type { ReaderView } from '../../common/readers-contract';
import { EDITABLE_FIELDS } from '../../common/user-schemas';
import {
  computeChanges,
  EMPTY_TEXT,
  KNOWN_LIST_NOTE,
  UNKNOWN_ADDRESS_NOTE,
  unknownListConfirmation,
  unknownListWarning,
  WHOLE_ADDRESS_NOTE,
} from '../../renderer/src/edit/changes';
import { EditChanges, editFormSchema, EMPTY_DATE_OF_BIRTH } from '../../renderer/src/edit/edit-schema';
import { emptyAddress, toBaseline, type EditFormValues } from '../../renderer/src/edit/form-values';
import { lookupViewOf } from './fake-bridge';
import { SHIVAM } from './fixtures';

const fullView: ReaderView = { ...structuredClone(SHIVAM), known: [...EDITABLE_FIELDS], source: 'update' };
const lookupView = lookupViewOf(SHIVAM);

function edited(view: ReaderView, edit: (values: EditFormValues) => void): { baseline: ReturnType<typeof toBaseline>; values: EditFormValues } {
  const baseline = toBaseline(view);
  const values = structuredClone(baseline.values);
  edit(values);
  return { baseline, values };
}

describe('toBaseline', () => {
  it('fills known fields and leaves unknown ones empty', () => {
    const { values, known } = toBaseline(lookupView);
    expect(values.name).toBe('Shivam Dubey');
    expect(values.dateOfBirth).toBe('13 May 1990');
    expect(values.address.city).toBe('Agra');
    // The lookup does not return these: they start empty, not guessed.
    expect(values.phone).toBe('');
    expect(values.countryCode).toBe('');
    expect(values.gender).toBe('');
    expect(values.shippingAddress).toEqual([]);
    expect(known.has('phone')).toBe(false);
  });

  it('keeps the server ids of list entries', () => {
    expect(toBaseline(fullView).values.shippingAddress[0]?._id).toBe('681c94453b8e51752d8b55d9');
  });
});

describe('computeChanges', () => {
  it('sends nothing when nothing changed', () => {
    const { baseline, values } = edited(fullView, () => {});
    expect(computeChanges(baseline, values)).toEqual({ body: {}, rows: [], formIndex: {} });
  });

  it('ignores edits that only add or remove surrounding spaces', () => {
    const { baseline, values } = edited(fullView, (v) => {
      v.name = '  Shivam Dubey ';
      v.address.city = 'Agra ';
    });
    expect(computeChanges(baseline, values).body).toEqual({});
  });

  it('sends only the changed scalar fields, trimmed, with old and new values', () => {
    const { baseline, values } = edited(fullView, (v) => {
      v.phone = ' 9000000001 ';
      v.email = 'new@example.com';
    });
    const { body, rows } = computeChanges(baseline, values);
    expect(body).toEqual({ email: 'new@example.com', phone: '9000000001' });
    expect(rows.map((row) => [row.field, row.before, row.after])).toEqual([
      ['email', ['shivamdubey+kljo@conscent.ai'], ['new@example.com']],
      ['phone', ['9867979689'], ['9000000001']],
    ]);
  });

  it('marks the old value of a field ConsCent did not return as not known (null)', () => {
    const { baseline, values } = edited(lookupView, (v) => {
      v.phone = '9000000001';
    });
    const [row] = computeChanges(baseline, values).rows;
    expect(row).toMatchObject({ field: 'phone', before: null, after: ['9000000001'] });
  });

  it('does not send an unknown field the agent left empty', () => {
    const { baseline, values } = edited(lookupView, (v) => {
      v.name = 'Shivam D.';
    });
    expect(Object.keys(computeChanges(baseline, values).body)).toEqual(['name']);
  });

  it('converts the date of birth to an ISO date-time at midnight UTC and says so', () => {
    const { baseline, values } = edited(fullView, (v) => {
      v.dateOfBirth = '1991-02-03';
    });
    const { body, rows } = computeChanges(baseline, values);
    expect(body).toEqual({ dateOfBirth: '1991-02-03T00:00:00.000Z' });
    expect(rows[0]?.before).toEqual(['13 May 1990']);
    expect(rows[0]?.after).toEqual(['3 Feb 1991']);
    expect(rows[0]?.notes).toEqual(['Sent as 1991-02-03T00:00:00.000Z (midnight UTC).']);
  });

  it('sends the whole address when one part changes, and shows only the changed part', () => {
    const { baseline, values } = edited(fullView, (v) => {
      v.address.pincode = '110001';
    });
    const { body, rows } = computeChanges(baseline, values);
    expect(body.address).toEqual({ ...SHIVAM.address, pincode: '110001' });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ before: ['Pincode: 282008'], after: ['Pincode: 110001'], notes: [WHOLE_ADDRESS_NOTE] });
  });

  it('shows every part of an address whose previous value is not known', () => {
    const view: ReaderView = { ...lookupView, known: lookupView.known.filter((f) => f !== 'address') };
    const { baseline, values } = edited(view, (v) => {
      v.address.city = 'Pune';
    });
    const { body, rows } = computeChanges(baseline, values);
    expect(body.address).toEqual({ ...emptyAddress(), city: 'Pune' });
    expect(rows[0]?.before).toBeNull();
    expect(rows[0]?.after).toContain('City: Pune');
    expect(rows[0]?.after).toContain(`Pincode: ${EMPTY_TEXT}`);
    expect(rows[0]?.notes).toEqual([UNKNOWN_ADDRESS_NOTE]);
  });

  it('sends a whole known address list, keeping ids of existing entries, saying the list becomes these entries', () => {
    const { baseline, values } = edited(fullView, (v) => {
      v.shippingAddress.push({ ...emptyAddress(), city: 'Pune', pincode: '411001' });
    });
    const { body, rows } = computeChanges(baseline, values);
    expect(body.shippingAddress).toHaveLength(2);
    expect(body.shippingAddress?.[0]?._id).toBe('681c94453b8e51752d8b55d9');
    expect(body.shippingAddress?.[1]).not.toHaveProperty('_id');
    expect(rows[0]?.field).toBe('shippingAddress');
    // Parts in address order (pincode before city); new entries are marked.
    expect(rows[0]?.after).toEqual(['1. 20/41 Rambagh, 2820006, Agra, UP, USA', '2. 411001, Pune (new)']);
    expect(rows[0]?.notes).toEqual([KNOWN_LIST_NOTE]);
    expect(rows[0]?.confirm).toBeUndefined();
  });

  it('sends a list when an entry is removed', () => {
    const { baseline, values } = edited(fullView, (v) => {
      v.shippingAddress = [];
    });
    const { body, rows } = computeChanges(baseline, values);
    expect(body).toEqual({ shippingAddress: [] });
    expect(rows[0]?.after).toEqual(['(no addresses)']);
  });

  it('warns that sending an unknown list may replace what the reader has, and asks for confirmation', () => {
    const { baseline, values } = edited(lookupView, (v) => {
      v.billingAddress.push({ ...emptyAddress(), city: 'Agra' });
    });
    const { rows } = computeChanges(baseline, values);
    expect(rows[0]).toMatchObject({
      field: 'billingAddress',
      before: null,
      warning: unknownListWarning('billingAddress', 1),
      confirm: unknownListConfirmation('billingAddress', 1),
    });
    expect(rows[0]?.warning).toContain('ConsCent may replace every billing address this reader has with the 1 billing address sent here');
  });

  it('leaves out new entries with every part empty', () => {
    const { baseline, values } = edited(lookupView, (v) => {
      v.shippingAddress.push(emptyAddress(), { ...emptyAddress(), city: ' Pune ' }, { ...emptyAddress(), name: '  ' });
    });
    const { body, formIndex } = computeChanges(baseline, values);
    expect(body.shippingAddress).toEqual([{ ...emptyAddress(), city: 'Pune' }]);
    expect(formIndex.shippingAddress).toEqual([1]);
    const onlyEmpty = edited(lookupView, (v) => v.shippingAddress.push(emptyAddress()));
    expect(computeChanges(onlyEmpty.baseline, onlyEmpty.values).body).toEqual({});
  });

  it('lists rows in the form order whatever was edited first', () => {
    const { baseline, values } = edited(fullView, (v) => {
      v.billingAddress.push({ ...emptyAddress(), city: 'Agra' });
      v.gender = 'FEMALE';
      v.name = 'S. Dubey';
    });
    expect(computeChanges(baseline, values).rows.map((row) => row.field)).toEqual(['name', 'gender', 'billingAddress']);
  });
});

describe('editFormSchema', () => {
  it('outputs exactly the changed fields, validated by the shared schemas', () => {
    const { baseline, values } = edited(fullView, (v) => {
      v.phone = '9000000001';
      v.gender = 'OTHERS';
    });
    const parsed = editFormSchema(baseline).safeParse(values);
    expect(parsed.success && parsed.data).toEqual({ phone: '9000000001', gender: 'OTHERS' });
  });

  it('reports invalid changed fields at their form path', () => {
    const { baseline, values } = edited(fullView, (v) => {
      v.phone = '12ab';
      v.address.pincode = '28#';
      v.shippingAddress[0]!.pincode = '!!';
    });
    const parsed = editFormSchema(baseline).safeParse(values);
    expect(parsed.success).toBe(false);
    const paths = parsed.success ? [] : parsed.error.issues.map((issue) => issue.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['phone', 'address.pincode', 'shippingAddress.0.pincode']));
  });

  it('does not validate unchanged fields, even when the stored value breaks the rules', () => {
    const odd: ReaderView = { ...fullView, phone: 'not digits', gender: 'male' };
    const { baseline, values } = edited(odd, (v) => {
      v.name = 'New Name';
    });
    expect(editFormSchema(baseline).safeParse(values).success).toBe(true);
  });

  it('explains a cleared date of birth in words', () => {
    const { baseline, values } = edited(fullView, (v) => {
      v.dateOfBirth = '';
    });
    const parsed = editFormSchema(baseline).safeParse(values);
    expect(parsed.success ? null : parsed.error.issues[0]?.message).toBe(EMPTY_DATE_OF_BIRTH);
  });

  it('accepts an empty body (the form says "nothing to send" instead)', () => {
    expect(EditChanges.safeParse({}).success).toBe(true);
  });
});
