import type { FieldErrors } from '../useFieldErrors.js';
import { TextField } from './TextField.js';

interface FieldProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  errors: FieldErrors;
}

/** A price list's hourly rate: a decimal string, never a float (PRICE-1). */
export function RateField(props: FieldProps & { readOnly?: boolean; placeholder?: string }) {
  return (
    <TextField
      inputMode="decimal"
      placeholder="85.50"
      required
      title="A decimal amount per hour, like 85.50."
      {...props}
      field="hourlyRate"
    />
  );
}

/** The first day a price list is valid. */
export function ValidFromField(props: FieldProps) {
  return <TextField {...props} type="date" required field="validFrom" />;
}
