import type { FormEvent } from 'react';
import { useAction } from './useAction.js';
import { useFieldErrors } from './useFieldErrors.js';

/**
 * A form's submission: `work` runs with a busy flag, and a refusal naming one of `fieldNames` shows at that field, the
 * rest with the form (API-5). `run` runs the form's other actions (e.g. a deletion) the same way.
 */
export function useFormSubmit(fieldNames: readonly string[], work: () => Promise<void>) {
  const { busy, error, run } = useAction();
  const fields = useFieldErrors(error, fieldNames);
  function submit(event: FormEvent) {
    event.preventDefault();
    void run(work);
  }
  return { busy, fields, submit, run };
}
