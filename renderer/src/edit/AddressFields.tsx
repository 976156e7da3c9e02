import type { FieldErrors, UseFormRegister } from 'react-hook-form';
import { ADDRESS_KEYS } from '../../../common/user-schemas';
import { ADDRESS_LABELS } from '../format/format-address';
import { TextField } from '../ui/TextField';
import type { AddressValues, EditFormValues } from './form-values';

// The eight parts of one address. Each input's accessible name starts with the group's
// label ("Shipping address 2 City") because the same labels repeat in every group.

export type AddressPath = 'address' | `shippingAddress.${number}` | `billingAddress.${number}`;

type AddressFieldsProps = {
  path: AddressPath;
  register: UseFormRegister<EditFormValues>;
  errors: FieldErrors<AddressValues> | undefined;
  groupLabelId: string;
};

export function AddressFields({ path, register, errors, groupLabelId }: AddressFieldsProps) {
  return (
    <div className="address-grid">
      {ADDRESS_KEYS.map((key) => (
        <TextField
          key={key}
          label={ADDRESS_LABELS[key]}
          registration={register(`${path}.${key}`)}
          error={errors?.[key]?.message}
          groupLabelId={groupLabelId}
          autoComplete="off"
          className={key === 'apartment' || key === 'area' ? 'wide' : undefined}
        />
      ))}
    </div>
  );
}
