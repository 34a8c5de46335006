import { useCallback, useEffect, useRef, useState } from 'react';
import { timesheetsApi, type GridQuery } from '../../api/timesheets.js';
import type { TimesheetGrid } from '../../../../src/contracts.js';

/**
 * The grid shown, kept in a ref as well so queued cell saves read the version the last save left (API-4) without
 * waiting for a render. A local change or a newer load makes an older load's answer stale: it is dropped.
 */
export function useSheet({ date, view, userId }: GridQuery) {
  const [sheet, setSheet] = useState<TimesheetGrid>();
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);
  const sheetRef = useRef<TimesheetGrid | undefined>(undefined);
  const generation = useRef(0);

  const put = useCallback((next: TimesheetGrid | undefined) => {
    sheetRef.current = next;
    setSheet(next);
  }, []);

  const load = useCallback(
    (quiet: boolean) => {
      const id = ++generation.current;
      if (!quiet) {
        put(undefined);
        setLoading(true);
      }
      timesheetsApi.grid({ date, view, userId }).then(
        (answer) => {
          if (id !== generation.current) return;
          put(answer);
          setError(null);
          setLoading(false);
        },
        (failure: unknown) => {
          if (id !== generation.current) return;
          if (!quiet) put(undefined);
          setError(failure);
          setLoading(false);
        },
      );
    },
    [date, view, userId, put],
  );

  useEffect(() => load(false), [load]);

  const change = useCallback(
    (update: (current: TimesheetGrid) => TimesheetGrid) => {
      if (!sheetRef.current) return;
      generation.current++;
      put(update(sheetRef.current));
    },
    [put],
  );

  const reload = useCallback(() => load(false), [load]);
  const refresh = useCallback(() => load(true), [load]);
  return { sheet, error, loading, sheetRef, change, reload, refresh };
}
