import type { FieldErrors } from '../useFieldErrors.js';
import { TextField } from './TextField.js';

interface Props {
  kind: 'item' | 'project';
  value: string;
  onChange: (value: string) => void;
  errors: FieldErrors;
  field: string;
}

/** The key of a work item or a project, typed in capitals as keys are. */
export function KeyField({ kind, value, onChange, errors, field }: Props) {
  return (
    <TextField
      label={kind === 'item' ? 'Work item key' : 'Project key'}
      value={value}
      onChange={(text) => onChange(text.toUpperCase())}
      placeholder={kind === 'item' ? 'ACME-12' : 'ACME'}
      required
      errors={errors}
      field={field}
    />
  );
}
