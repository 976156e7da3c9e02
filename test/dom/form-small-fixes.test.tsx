import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { REVIEW_TITLE } from '../../renderer/src/edit/ReviewDialog';
import { SHIVAM } from './fixtures';
import { openReader, renderApp, seededBridge } from './render-app';

// Issue #8 item 6: things agents noticed. Phone numbers pasted as readers write them,
// one set of gender labels, no "new" chip on a saved entry, the no-match sentence said
// once, and a Country code field that does not look pre-filled.

const review = () => screen.getByRole('dialog', { name: REVIEW_TITLE });
const countryCode = () => screen.getByRole('textbox', { name: 'Country code' });
const phone = () => screen.getByRole('textbox', { name: 'Phone number' });

function reviewRow(label: string) {
  const table = within(review()).getByRole('table', { name: 'Fields that will be sent' });
  return within(table).getByRole('rowheader', { name: label }).closest('tr') as HTMLElement;
}

describe('phone numbers as readers write them', () => {
  it.each<[string, string, { countryCode?: string; phone: string }]>([
    ['', '+91 90000 11111', { countryCode: '+91', phone: '9000011111' }],
    ['', '90000 11111', { phone: '9000011111' }],
    ['+91', '090000-11111', { countryCode: '+91', phone: '9000011111' }],
    ['91', '0091 90000 11111', { countryCode: '+91', phone: '9000011111' }],
  ])('country code "%s", phone "%s": split into the two fields and sent as shown', async (typedCode, typedPhone, sent) => {
    const { user, bridge } = await openReader(SHIVAM.userId);
    if (typedCode) await user.type(countryCode(), typedCode);
    await user.type(phone(), typedPhone);
    await user.tab();
    expect(phone()).toHaveValue(sent.phone);
    expect(phone()).not.toHaveAttribute('aria-invalid');
    if (sent.countryCode) expect(countryCode()).toHaveValue(sent.countryCode);

    await user.click(screen.getByRole('button', { name: 'Review changes' }));
    expect(reviewRow('Phone number')).toHaveTextContent(sent.phone);
    if (sent.countryCode) expect(reviewRow('Country code')).toHaveTextContent(sent.countryCode);
    await user.click(within(review()).getByRole('button', { name: 'Send changes' }));
    await screen.findByText(/User Details Updated Successfully/);
    expect(bridge.callsTo('updateReader')[0]?.changes).toEqual(sent);
  });

  it('splits a pasted number at once, country code included', async () => {
    const { user } = await openReader(SHIVAM.userId);
    await user.click(phone());
    await user.paste('+91 90000 11111');
    expect(countryCode()).toHaveValue('+91');
    expect(phone()).toHaveValue('9000011111');
  });

  it('still refuses text that is not a phone number', async () => {
    const { user } = await openReader(SHIVAM.userId);
    await user.type(phone(), 'call me');
    await user.tab();
    expect(phone()).toHaveAttribute('aria-invalid', 'true');
  });
});

describe('labels', () => {
  it('names genders the same way in the form, the review and the record', async () => {
    const { user } = await openReader(SHIVAM.userId);
    const gender = screen.getByRole('combobox', { name: 'Gender' });
    expect(within(gender).getByRole('option', { name: 'Female' })).toBeInTheDocument();
    await user.selectOptions(gender, 'FEMALE');
    await user.click(screen.getByRole('button', { name: 'Review changes' }));
    expect(reviewRow('Gender')).toHaveTextContent('Female');
    expect(reviewRow('Gender')).not.toHaveTextContent('FEMALE');
    await user.click(within(review()).getByRole('button', { name: 'Send changes' }));
    await screen.findByText(/User Details Updated Successfully/);
    const shown = screen.getByText('Gender', { selector: 'dt' }).nextElementSibling;
    expect(shown).toHaveTextContent('Female');
    expect(shown).not.toHaveTextContent('FEMALE');
  });

  it('drops the "new" chip from an address entry once it is saved', async () => {
    const { user } = await openReader(SHIVAM.userId);
    await user.click(screen.getByRole('button', { name: 'Add billing address' }));
    await user.type(screen.getByRole('textbox', { name: 'Billing address 1 City' }), 'Pune');
    const entry = () => screen.getByText('Billing address 1').closest('fieldset') as HTMLElement;
    expect(within(entry()).getByText('new')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Review changes' }));
    await user.click(within(review()).getByRole('checkbox'));
    await user.click(within(review()).getByRole('button', { name: 'Send changes' }));
    await screen.findByText(/User Details Updated Successfully/);
    expect(within(entry()).queryByText('new')).not.toBeInTheDocument();
  });

  it('gives Country code a hint instead of a placeholder that looks like a stored value', async () => {
    await openReader(SHIVAM.userId);
    expect(countryCode()).not.toHaveAttribute('placeholder');
    expect(countryCode()).toHaveValue('');
    expect(countryCode()).toHaveAccessibleDescription('With +, like +91.');
  });
});

describe('no match', () => {
  it('says "no reader found" once, and what ConsCent could still tell', async () => {
    const bridge = seededBridge();
    const lookup = bridge.lookupReader.bind(bridge);
    bridge.lookupReader = async (request) => {
      const result = await lookup(request);
      return result.ok ? { ok: true, value: { ...result.value, knownWithoutPurchases: { name: 'Nobody Known' } } } : result;
    };
    const { user } = renderApp(bridge);
    await user.type(await screen.findByLabelText('Find a reader'), 'nobody@example.com{Enter}');
    await screen.findByRole('heading', { name: 'No reader found for email nobody@example.com' });
    expect(screen.getAllByText(/No reader found for/)).toHaveLength(1);
    expect(
      screen.getByText(/^ConsCent knows a reader with this email \(Nobody Known\), but they have no purchases.*search for that\.$/),
    ).toBeInTheDocument();
  });
});
