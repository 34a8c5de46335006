import type { FieldErrors } from '../../useFieldErrors.js';
import { TextField } from '../TextField.js';

export type PasswordMode = 'link' | 'password';

interface Props {
  mode: PasswordMode;
  onMode: (mode: PasswordMode) => void;
  password: string;
  onPassword: (password: string) => void;
  errors: FieldErrors;
  linkLabel: string;
  passwordLabel: string;
}

/** How a user gets a password: a one-time link they open themselves, or one the administrator types in. */
export function PasswordChoice({ mode, onMode, password, onPassword, errors, linkLabel, passwordLabel }: Props) {
  return (
    <fieldset className="password-choice">
      <legend>Password</legend>
      <label className="checkbox">
        <input type="radio" name="password-mode" checked={mode === 'link'} onChange={() => onMode('link')} />
        {linkLabel}
      </label>
      <label className="checkbox">
        <input type="radio" name="password-mode" checked={mode === 'password'} onChange={() => onMode('password')} />
        {passwordLabel}
      </label>
      {mode === 'password' && (
        <TextField
          label="New password"
          type="password"
          autoComplete="new-password"
          value={password}
          onChange={onPassword}
          required
          minLength={10}
          errors={errors}
          field="password"
        />
      )}
    </fieldset>
  );
}
