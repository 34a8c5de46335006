import { useRef } from 'react';

/**
 * Starts requests of which only the latest counts: the answer (or failure) of one that a newer request has overtaken
 * is dropped, so a slow old answer never overwrites a newer one.
 */
export function useLatestRequest() {
  const latest = useRef(0);
  return function start<T>(request: Promise<T>, onValue: (value: T) => void, onFailure: (failure: unknown) => void) {
    const id = ++latest.current;
    request.then(
      (value) => id === latest.current && onValue(value),
      (failure: unknown) => id === latest.current && onFailure(failure),
    );
  };
}
