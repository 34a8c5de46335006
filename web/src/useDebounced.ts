import { useEffect, useState } from 'react';

/** `value` once it has stopped changing for `ms`, e.g. a search field's text before asking the server. */
export function useDebounced<T>(value: T, ms = 250): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}
