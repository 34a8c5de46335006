import type { ReactNode } from 'react';
import type { CursorList } from '../useCursorList.js';
import { ErrorMessage } from './ErrorMessage.js';
import { LoadMoreButton } from './LoadMoreButton.js';

interface Props<T> {
  list: CursorList<T, unknown>;
  /** What an empty list says. */
  empty: ReactNode;
  /** The failure to show here; the list's own unless the caller shows it elsewhere. */
  error?: unknown;
  /** The loaded items, when there are any. */
  children: (items: T[]) => ReactNode;
}

/** A list the server pages: its failure, "Loading…" at first, a note when empty, the items and "Load more". */
export function PagedList<T>({ list, empty, error = list.error, children }: Props<T>) {
  return (
    <>
      <ErrorMessage error={error} />
      {list.loading && list.items.length === 0 ? (
        <p className="muted">Loading…</p>
      ) : list.items.length === 0 ? (
        !list.error && <p className="muted">{empty}</p>
      ) : (
        children(list.items)
      )}
      <LoadMoreButton hasMore={list.hasMore} loading={list.loadingMore} onClick={list.loadMore} />
    </>
  );
}
