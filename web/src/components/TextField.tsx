import type { InputHTMLAttributes, ReactNode, TextareaHTMLAttributes } from 'react';
import type { FieldErrors } from '../useFieldErrors.js';
import { FieldError } from './FieldError.js';

interface Props extends Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange'> {
  label: ReactNode;
  value: string;
  onChange: (value: string) => void;
  /** A textarea of this many rows instead of a one-line input. */
  rows?: number;
  /** The form's field errors and the API field this input sets: a refusal of it shows right after it (API-5). */
  errors?: FieldErrors;
  field?: string;
}

/**
 * A text, date or time input (or a textarea) inside its label, with its field's error after it. In a `form-row` the
 * errors line up under the row's inputs (styles.css).
 */
export function TextField({ label, value, onChange, rows, errors, field, ...native }: Props) {
  const invalid = errors && field ? errors.props(field) : {};
  return (
    <>
      <label>
        {label}
        {rows === undefined ? (
          <input value={value} onChange={(e) => onChange(e.target.value)} {...native} {...invalid} />
        ) : (
          <textarea
            rows={rows}
            value={value}
            onChange={(e) => onChange(e.target.value)}
            {...(native as TextareaHTMLAttributes<HTMLTextAreaElement>)}
            {...invalid}
          />
        )}
      </label>
      {errors && field && <FieldError errors={errors} field={field} />}
    </>
  );
}
