import { useId, type ReactNode } from 'react';
import type { FieldErrors } from '../../useFieldErrors.js';
import { FieldError } from '../FieldError.js';

/** What a setting's input is given: its id (the label points at it) and the ids that describe it. */
export type InputProps = { id: string } & ReturnType<FieldErrors['props']>;

interface Props {
  label: string;
  /** The plain-words line under the input saying what the setting does. */
  help: ReactNode;
  /** The API field the input sets: a refusal of it shows right under the help line (API-5). */
  field: string;
  errors: FieldErrors;
  children: (input: InputProps) => ReactNode;
}

/** One setting: label, input, help line and error, the help and the error read out with the input. */
export function SettingField({ label, help, field, errors, children }: Props) {
  const id = useId();
  const helpId = `${id}-help`;
  return (
    <div className="field setting-field">
      <label htmlFor={id}>{label}</label>
      {children({ id, ...errors.props(field, helpId) })}
      <p className="setting-help" id={helpId}>
        {help}
      </p>
      <FieldError errors={errors} field={field} />
    </div>
  );
}
