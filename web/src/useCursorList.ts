import { useCallback, useEffect, useRef, useState } from 'react';
import type { Page } from '../../src/contracts.js';

type ItemOf<P> = P extends Page<infer T> ? T : never;

export interface CursorList<T, P> {
  items: T[];
  /** The latest page as the server sent it, for list-wide fields such as a range total. */
  lastPage: P | undefined;
  hasMore: boolean;
  loading: boolean;
  loadingMore: boolean;
  error: unknown;
  loadMore: () => void;
  reload: () => void;
}

/** A list the server pages with `nextCursor`; "Load more" appends the next page. */
export function useCursorList<P extends Page<unknown>>(
  fetchPage: (cursor: string | null) => Promise<P>,
  deps: readonly unknown[],
): CursorList<ItemOf<P>, P> {
  type T = ItemOf<P>;
  const [items, setItems] = useState<T[]>([]);
  const [lastPage, setLastPage] = useState<P>();
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [generation, setGeneration] = useState(0);
  const latest = useRef(0);
  const fetchRef = useRef(fetchPage);
  fetchRef.current = fetchPage;

  useEffect(() => {
    const request = ++latest.current;
    setLoading(true);
    setLoadingMore(false);
    fetchRef.current(null).then(
      (page) => {
        if (request !== latest.current) return;
        setItems(page.items as T[]);
        setLastPage(page);
        setNextCursor(page.nextCursor);
        setError(null);
        setLoading(false);
      },
      (failure: unknown) => {
        if (request !== latest.current) return;
        setItems([]);
        setLastPage(undefined);
        setNextCursor(null);
        setError(failure);
        setLoading(false);
      },
    );
    // `fetchPage` is a fresh closure each render; `deps` names what it reads.
  }, [...deps, generation]);

  const loadMore = useCallback(() => {
    if (nextCursor === null) return;
    const request = ++latest.current;
    setLoadingMore(true);
    fetchRef.current(nextCursor).then(
      (page) => {
        if (request !== latest.current) return;
        setItems((previous) => [...previous, ...(page.items as T[])]);
        setLastPage(page);
        setNextCursor(page.nextCursor);
        setError(null);
        setLoadingMore(false);
      },
      (failure: unknown) => {
        if (request !== latest.current) return;
        setError(failure);
        setLoadingMore(false);
      },
    );
  }, [nextCursor]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { items, lastPage, hasMore: nextCursor !== null, loading, loadingMore, error, loadMore, reload };
}
