import type { FormEvent } from 'react';
import { itemsApi } from '../../api/items.js';
import type { Item } from '../../../../src/contracts.js';
import { useAction } from '../../useAction.js';
import { Dialog } from '../Dialog.js';
import { FormButtons } from '../FormButtons.js';
import { Refusal } from './Refusal.js';

interface Props {
  item: Pick<Item, 'key' | 'title' | 'version'>;
  onClose: () => void;
  onDeleted: () => void;
  onReload?: () => void;
}

/** Deleting moves the item and its subtree to the project's trash and drops their security settings (ITEM-8). */
export function DeleteItemDialog({ item, onClose, onDeleted, onReload }: Props) {
  const { busy, error, run } = useAction();
  function submit(event: FormEvent) {
    event.preventDefault();
    void run(async () => {
      await itemsApi.trash(item);
      onDeleted();
    });
  }
  return (
    <Dialog title={`Delete ${item.key}?`} onClose={onClose}>
      <form onSubmit={submit} className="form">
        <p>
          <strong>
            {item.key} {item.title}
          </strong>{' '}
          and every item under it go to the project&apos;s trash. Their own security settings are dropped; a project
          administrator can restore them from the trash.
        </p>
        <Refusal error={error} why={{ action: 'item.delete', resource: { item: item.key } }} onReload={onReload} />
        <FormButtons onCancel={onClose} label="Move to trash" busyLabel="Deleting…" busy={busy} />
      </form>
    </Dialog>
  );
}
