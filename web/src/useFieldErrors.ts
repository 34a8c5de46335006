import { useId } from 'react';
import { ApiError, errorText } from './api.js';

/**
 * Where a form shows a failure (API-5): a 400 naming one of the form's fields is shown next to that field, in the
 * server's plain words; anything else stays with the form's own message.
 */
export interface FieldErrors {
  /** The plain message about `field`, when the failure is about it. */
  message(field: string): string | undefined;
  /** `aria-invalid` and `aria-describedby` for the input of `field`; `describedBy` keeps the input's own hint. */
  props(field: string, describedBy?: string): { 'aria-invalid'?: true; 'aria-describedby'?: string };
  /** The element id of `field`'s message. */
  idOf(field: string): string;
  /** The failure when no field of the form shows it: for the form's ErrorMessage. */
  rest: unknown;
}

/** The form field a problem names: `startDate`, or `entries` for `entries.0.kind`, or `startDate` for `query.startDate`. */
export function fieldOf(error: unknown, fields: readonly string[]): string | undefined {
  if (!(error instanceof ApiError) || !error.field) return undefined;
  const named = error.field.replace(/^(query|params)\./, '');
  return fields.find((field) => named === field || named.startsWith(`${field}.`));
}

export function useFieldErrors(error: unknown, fields: readonly string[]): FieldErrors {
  const prefix = useId();
  const field = fieldOf(error, fields);
  const idOf = (name: string) => `${prefix}-${name}-error`;
  const message = (name: string) => (name === field ? errorText(error) : undefined);
  return {
    message,
    idOf,
    props: (name, describedBy) => {
      const invalid = name === field;
      const ids = [describedBy, invalid ? idOf(name) : undefined].filter(Boolean).join(' ');
      return { ...(invalid ? { 'aria-invalid': true as const } : {}), ...(ids ? { 'aria-describedby': ids } : {}) };
    },
    rest: field ? null : error,
  };
}
