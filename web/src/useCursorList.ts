import { useCallback, useEffect, useRef, useState } from 'react';
import type { Page } from '../../src/contracts.js';
import { useLatestRequest } from './useLatestRequest.js';

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

interface State<T, P> {
  items: T[];
  lastPage: P | undefined;
  nextCursor: string | null;
  loading: boolean;
  loadingMore: boolean;
  error: unknown;
}

const EMPTY = { items: [], lastPage: undefined, nextCursor: null, loading: false, loadingMore: false };

/** A list the server pages with `nextCursor`; "Load more" appends the next page. */
export function useCursorList<P extends Page<unknown>>(
  fetchPage: (cursor: string | null) => Promise<P>,
  deps: readonly unknown[],
): CursorList<ItemOf<P>, P> {
  type T = ItemOf<P>;
  const [state, setState] = useState<State<T, P>>({ ...EMPTY, loading: true, error: null });
  const [generation, setGeneration] = useState(0);
  const start = useLatestRequest();
  const fetchRef = useRef(fetchPage);
  fetchRef.current = fetchPage;

  /** The first page (cursor null) replaces the list; a later one is appended, and its failure keeps the list. */
  function fetchFrom(cursor: string | null) {
    const more = cursor !== null;
    setState((s) => (more ? { ...s, loadingMore: true } : { ...s, loading: true, loadingMore: false }));
    start(
      fetchRef.current(cursor),
      (page) =>
        setState((s) => ({
          ...EMPTY,
          items: more ? [...s.items, ...(page.items as T[])] : (page.items as T[]),
          lastPage: page,
          nextCursor: page.nextCursor,
          error: null,
        })),
      (error) => setState((s) => (more ? { ...s, loadingMore: false, error } : { ...EMPTY, error })),
    );
  }

  // `fetchPage` is a fresh closure each render; `deps` names what it reads.
  useEffect(() => fetchFrom(null), [...deps, generation]);

  const { nextCursor } = state;
  const loadMore = useCallback(() => nextCursor !== null && fetchFrom(nextCursor), [nextCursor]);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  const { items, lastPage, loading, loadingMore, error } = state;
  return { items, lastPage, hasMore: nextCursor !== null, loading, loadingMore, error, loadMore, reload };
}
