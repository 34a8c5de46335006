import type { EntryRow, findSettingState } from './repo.js';
import type { EntryOut, SecurityOut, WarningOut } from './schema.js';

export function presentEntries(rows: EntryRow[]): EntryOut[] {
  return rows.map((r) => ({
    kind: r.kind,
    subject: { id: r.subject_id, name: r.name ?? '' },
    view: r.view,
    edit: r.edit,
  }));
}

/** ITEM-4: a setting in which nobody is allowed to view locks everyone but system administrators out. */
export function lockoutWarnings(entries: ReadonlyArray<{ view: string }>): WarningOut[] {
  return entries.some((e) => e.view === 'allow')
    ? []
    : [
        {
          code: 'lockout',
          message: 'no entry allows view: only system administrators will reach this item and its inheriting children',
        },
      ];
}

/**
 * An item's setting as the API answers it: `own`, `inherited` from the governing ancestor, or `none` (project
 * permissions apply), with the governing setting's entries and the viewable descendants that have their own.
 */
export function presentSetting(
  itemKey: string,
  state: Awaited<ReturnType<typeof findSettingState>>,
  entries: EntryOut[],
  childrenWithOwnSetting: string[],
): SecurityOut {
  const mode = state.governing_item_id === null ? 'none' : state.governing_item_id === state.id ? 'own' : 'inherited';
  return {
    itemKey,
    mode,
    inheritedFrom: mode === 'inherited' ? state.governing_key : null,
    entries,
    version: mode === 'own' ? state.version : null,
    childrenWithOwnSetting,
    warnings: mode === 'none' ? [] : lockoutWarnings(entries),
  };
}
