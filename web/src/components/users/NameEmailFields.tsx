import type { FieldErrors } from '../../useFieldErrors.js';
import { TextField } from '../TextField.js';

interface Props {
  displayName: string;
  onDisplayName: (value: string) => void;
  email: string;
  onEmail: (value: string) => void;
  errors: FieldErrors;
  autoFocus?: boolean;
}

/** A user's display name and email, each with its refusal next to it (API-5). */
export function NameEmailFields({ displayName, onDisplayName, email, onEmail, errors, autoFocus }: Props) {
  return (
    <>
      <TextField
        label="Display name"
        value={displayName}
        onChange={onDisplayName}
        required
        autoFocus={autoFocus}
        maxLength={200}
        errors={errors}
        field="displayName"
      />
      <TextField
        label="Email"
        type="email"
        value={email}
        onChange={onEmail}
        required
        maxLength={320}
        errors={errors}
        field="email"
      />
    </>
  );
}
