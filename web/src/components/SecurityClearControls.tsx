import { useState } from 'react';
import type { ItemSecurity } from '../../../src/contracts.js';

interface Props {
  setting: ItemSecurity;
  hasParent: boolean;
  busy: boolean;
  onClear: (children: boolean, message: string) => void;
}

/** ITEM-6 (back to inheriting) and ITEM-7 (clear, optionally the whole subtree). */
export function SecurityClearControls({ setting, hasParent, busy, onClear }: Props) {
  const [clearChildren, setClearChildren] = useState(false);
  const own = setting.mode === 'own';
  const canClear = own || (clearChildren && setting.childrenWithOwnSetting.length > 0);
  if (!own && setting.childrenWithOwnSetting.length === 0) return null;

  return (
    <fieldset className="clear-controls">
      <legend>Remove settings</legend>
      {own && hasParent && (
        <button
          type="button"
          className="button secondary"
          disabled={busy}
          onClick={() => onClear(false, 'The item inherits from its parent again.')}
        >
          Inherit from parent
        </button>
      )}
      <label className="checkbox">
        <input type="checkbox" checked={clearChildren} onChange={(e) => setClearChildren(e.target.checked)} />
        Clear all child items too
      </label>
      <button
        type="button"
        className="button danger"
        disabled={busy || !canClear}
        onClick={() =>
          onClear(
            clearChildren,
            clearChildren
              ? 'Cleared the settings of the item and all its child items.'
              : 'Cleared the item\u2019s own setting.',
          )
        }
      >
        Clear settings
      </button>
    </fieldset>
  );
}
