import type { FieldErrors } from '../useFieldErrors.js';

/** A field's failure, shown right after it and tied to its input by `aria-describedby` (API-5). */
export function FieldError({ errors, field }: { errors: FieldErrors; field: string }) {
  const message = errors.message(field);
  if (!message) return null;
  return (
    <p className="error field-error" role="alert" id={errors.idOf(field)}>
      {message}
    </p>
  );
}
