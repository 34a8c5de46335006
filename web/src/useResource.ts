import { useCallback, useEffect, useState } from 'react';
import { useLatestRequest } from './useLatestRequest.js';

export interface Resource<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload: () => void;
}

/** Loads one value; answers that arrive after a newer request started are dropped. */
export function useResource<T>(load: () => Promise<T>, deps: readonly unknown[]): Resource<T> {
  const [state, setState] = useState<{ data?: T; error: unknown; loading: boolean }>({ error: null, loading: true });
  const [generation, setGeneration] = useState(0);
  const start = useLatestRequest();

  useEffect(() => {
    setState((previous) => ({ ...previous, loading: true }));
    start(
      load(),
      (data) => setState({ data, error: null, loading: false }),
      (error) => setState({ data: undefined, error, loading: false }),
    );
    // `load` is a fresh closure each render; `deps` names what it reads.
  }, [...deps, generation]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { data: state.data, error: state.error, loading: state.loading, reload };
}
