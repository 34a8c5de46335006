import { useEffect, useState } from 'react';
import type { TimesheetGrid, TimesheetItem } from '../../../../src/contracts.js';
import { loadAddedRows, saveAddedRows } from './addedRows.js';

/**
 * The rows added to the shown period that have no time yet: read from and written to this browser's storage per
 * owner and period; a row the server now has time for is dropped from them.
 */
export function useAddedRows(ownerId: number, sheet: TimesheetGrid | undefined) {
  const scope = sheet ? `${ownerId}.${sheet.view}.${sheet.start}` : '';
  const [state, setState] = useState<{ scope: string; items: TimesheetItem[] }>({ scope: '', items: [] });
  const stored = state.scope === scope ? state.items : sheet ? loadAddedRows(ownerId, sheet.view, sheet.start) : [];
  const logged = new Set(
    (sheet?.rows ?? []).filter((row) => row.cells.some((cell) => cell.worklogs.length > 0)).map((row) => row.item.key),
  );
  const items = stored.filter((item) => !logged.has(item.key));

  function update(next: TimesheetItem[]) {
    if (!sheet) return;
    saveAddedRows(ownerId, sheet.view, sheet.start, next);
    setState({ scope, items: next });
  }

  const pruned = items.length !== stored.length;
  useEffect(() => {
    if (state.scope !== scope || pruned) update(items);
    // `items` follows from scope and the sheet's rows; writing once per change of either is enough.
  }, [scope, pruned]);

  return {
    items,
    add: (more: TimesheetItem[]) => {
      const next = [...items];
      for (const item of more) if (!next.some((each) => each.key === item.key)) next.push(item);
      update(next);
    },
    remove: (key: string) => update(items.filter((item) => item.key !== key)),
  };
}
