import type { EditableField } from '../../../common/user-schemas';

// Human names of the editable fields, used by the review, the outcome and error lists.
export const FIELD_LABELS: Record<EditableField, string> = {
  name: 'Name',
  email: 'Email',
  countryCode: 'Country code',
  phone: 'Phone number',
  gender: 'Gender',
  dateOfBirth: 'Date of birth',
  address: 'Address',
  shippingAddress: 'Shipping addresses',
  billingAddress: 'Billing addresses',
};
