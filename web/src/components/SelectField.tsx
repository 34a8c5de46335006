import { useId, type ReactNode } from 'react';
import type { FieldErrors } from '../useFieldErrors.js';
import { FieldError } from './FieldError.js';

interface Props {
  label: string;
  value: string | number;
  onChange: (value: string) => void;
  disabled?: boolean;
  /** The options, when each shows its value; otherwise the `<option>`s as children. */
  options?: readonly string[];
  children?: ReactNode;
  /** The form's field errors and the API field this select sets: a refusal of it shows under the select (API-5). */
  errors?: FieldErrors;
  field?: string;
}

/**
 * A labelled select. The label points at the select instead of wrapping it, so the select's name is just
 * the label — a wrapping label would also read out the chosen option.
 */
export function SelectField({ label, value, onChange, disabled, options, children, errors, field }: Props) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        disabled={disabled}
        {...(errors && field ? errors.props(field) : {})}
      >
        {options?.map((option) => (
          <option key={option} value={option}>
            {option}
          </option>
        ))}
        {children}
      </select>
      {errors && field && <FieldError errors={errors} field={field} />}
    </div>
  );
}
