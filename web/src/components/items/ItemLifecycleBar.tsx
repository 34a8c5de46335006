import type { Item } from '../../../../src/contracts.js';
import { useItemLifecycle, type Done } from './lifecycle.js';

interface Props {
  item: Item;
  onDone: (done: Done) => void;
}

/** The item page's lifecycle actions (create a child or sibling, move, copy, paste, delete), as its abilities allow. */
export function ItemLifecycleBar({ item, onDone }: Props) {
  const lifecycle = useItemLifecycle(item.projectKey, onDone);
  return (
    <>
      <div className="item-lifecycle" role="group" aria-label="Item actions">
        {lifecycle.entries(item).map((entry) => (
          <button
            key={entry.label}
            type="button"
            className={entry.danger ? 'button small danger' : 'button small secondary'}
            disabled={lifecycle.pasteBusy}
            onClick={entry.onSelect}
          >
            {entry.label}
          </button>
        ))}
      </div>
      {lifecycle.copied?.key === item.key && (
        <p className="muted" role="status">
          {item.key} is copied: open the item to paste it under and choose “Paste {item.key} here”, or paste it at the
          top level from the project&apos;s tree.
        </p>
      )}
      {lifecycle.pasteRefusal}
      {lifecycle.dialogs}
    </>
  );
}
