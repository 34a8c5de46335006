import { useState } from 'react';

/**
 * Runs a user action with a busy flag and its failure kept for display. `handle` may take care of a
 * failure itself (returning true), e.g. a warning that asks for confirmation.
 */
export function useAction(handle?: (failure: unknown) => boolean) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function run(action: () => Promise<void>) {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (failure) {
      if (!handle?.(failure)) setError(failure);
    } finally {
      setBusy(false);
    }
  }

  return { busy, error, setError, run };
}
