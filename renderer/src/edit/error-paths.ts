import type { FieldErrors } from 'react-hook-form';
import { ADDRESS_KEYS, EDITABLE_FIELDS, type AddressKey, type EditableField } from '../../../common/user-schemas';
import { ADDRESS_LABELS } from '../format/format-address';
import { FIELD_LABELS } from './field-labels';
import type { EditFormValues } from './form-values';

// Names the fields that have errors, in words, for the summary shown when the agent
// tries to review while something is invalid.

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** Dotted paths ("address.pincode", "shippingAddress.1.city") of every error in the tree. */
export function errorPaths(errors: FieldErrors<EditFormValues>): string[] {
  const paths: string[] = [];
  const walk = (node: unknown, path: string[]) => {
    if (!isRecord(node)) return;
    if (typeof node.message === 'string' && node.message !== '') paths.push(path.join('.'));
    for (const [key, child] of Object.entries(node)) {
      if (key === 'ref' || key === 'message' || key === 'type' || key === 'types') continue;
      walk(child, [...path, key]);
    }
  };
  walk(errors, []);
  return paths;
}

export function describeErrorPath(path: string): string {
  const [field, second, third] = path.split('.');
  const fieldLabel = FIELD_LABELS[field as EditableField] ?? field ?? path;
  if (field === 'address' && second) return `Address ${ADDRESS_LABELS[second as AddressKey] ?? second}`;
  if ((field === 'shippingAddress' || field === 'billingAddress') && second !== undefined && /^\d+$/.test(second)) {
    const entry = `${field === 'shippingAddress' ? 'Shipping' : 'Billing'} address ${Number(second) + 1}`;
    return third ? `${entry} ${ADDRESS_LABELS[third as AddressKey] ?? third}` : entry;
  }
  return fieldLabel;
}

/** Maps a key of main's invalid-input `fields` onto a form path, or null when it is not one. */
export function formPathOfServerField(key: string): string | null {
  const path = key.replace(/^changes\./, '');
  const [field, second, third] = path.split('.');
  if (!EDITABLE_FIELDS.includes(field as EditableField)) return null;
  if (field === 'address') return second && ADDRESS_KEYS.includes(second as AddressKey) ? path : 'address';
  if (field === 'shippingAddress' || field === 'billingAddress') {
    if (second === undefined || !/^\d+$/.test(second)) return field;
    return third && ADDRESS_KEYS.includes(third as AddressKey) ? path : `${field}.${second}`;
  }
  return second === undefined ? path : (field ?? null);
}
