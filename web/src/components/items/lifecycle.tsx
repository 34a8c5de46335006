import { useState } from 'react';
import { itemsApi } from '../../api/items.js';
import type { Item } from '../../../../src/contracts.js';
import { useAction } from '../../useAction.js';
import { NewItemDialog } from '../NewItemDialog.js';
import type { MenuEntry } from '../RowActions.js';
import { setClipboard, useClipboard } from './clipboard.js';
import { DeleteItemDialog } from './DeleteItemDialog.js';
import { MoveDialog } from './MoveDialog.js';
import { placingUnder, Refusal } from './Refusal.js';

type DialogName = 'child' | 'sibling' | 'move' | 'delete';

/** What a finished change did, for the screen to say and to show (a notice, a refetch, a new place). */
export interface Done {
  message: string;
  /** The item created, moved or pasted, where it now is. */
  item?: Item;
  /** The item that went to the trash. */
  trashed?: string;
}

/**
 * The work-item lifecycle on one screen (the tree or the item page): the entries an item's actions offer, each as its
 * abilities allow (creating under an item needs edit on it, like moving and pasting there — ITEM-8), the dialogs they
 * open, and paste with its refusal. One change at a time.
 */
export function useItemLifecycle(projectKey: string, onDone: (done: Done) => void) {
  const [open, setOpen] = useState<{ item: Item; dialog: DialogName } | null>(null);
  const [pasteTarget, setPasteTarget] = useState<string | null>(null);
  const copied = useClipboard(projectKey);
  const paste = useAction();
  const close = () => setOpen(null);
  const finish = (done: Done) => {
    setOpen(null);
    onDone(done);
  };
  const where = (parentKey: string | null) => (parentKey ? `under ${parentKey}` : 'at the top level');

  function pasteUnder(parentKey: string | null) {
    if (!copied) return;
    setPasteTarget(parentKey);
    void paste.run(async () => {
      const item = await itemsApi.paste(copied.key, parentKey);
      onDone({ message: `Pasted a copy of ${copied.key} as ${item.key} ${where(parentKey)}.`, item });
    });
  }

  function entries(item: Item): MenuEntry[] {
    const { canEdit, canDelete } = item.abilities;
    const show = (dialog: DialogName) => () => setOpen({ item, dialog });
    const list: MenuEntry[] = [];
    if (canEdit) list.push({ label: 'New child item', onSelect: show('child') });
    if (canEdit) list.push({ label: 'New sibling item', onSelect: show('sibling') });
    if (canEdit) list.push({ label: 'Move to…', onSelect: show('move') });
    list.push({
      label: 'Copy',
      onSelect: () => setClipboard({ key: item.key, title: item.title, projectKey: item.projectKey }),
    });
    if (copied && canEdit) list.push({ label: `Paste ${copied.key} here`, onSelect: () => pasteUnder(item.key) });
    if (canDelete) list.push({ label: 'Delete…', onSelect: show('delete'), danger: true });
    return list;
  }

  const pasteRefusal = (
    <Refusal
      error={paste.error}
      what={copied ? `Cannot paste ${copied.key} ${where(pasteTarget)}` : undefined}
      why={placingUnder(projectKey, pasteTarget)}
    />
  );

  let dialogs = null;
  if (open) {
    const { item, dialog } = open;
    const parent = dialog === 'child' ? item : item.path[item.path.length - 1];
    if (dialog === 'child' || dialog === 'sibling')
      dialogs = (
        <NewItemDialog
          projectKey={projectKey}
          parent={parent ? { key: parent.key, title: parent.title } : null}
          onClose={close}
          onCreated={(created) => finish({ message: `Created ${created.key}.`, item: created })}
        />
      );
    if (dialog === 'move')
      dialogs = (
        <MoveDialog
          item={item}
          onClose={close}
          onMoved={(moved) => finish({ message: `Moved ${moved.key} ${where(moved.parentKey)}.`, item: moved })}
        />
      );
    if (dialog === 'delete')
      dialogs = (
        <DeleteItemDialog
          item={item}
          onClose={close}
          onDeleted={() => finish({ message: `Moved ${item.key} to the trash.`, trashed: item.key })}
        />
      );
  }

  return { entries, copied, pasteUnder, pasteBusy: paste.busy, pasteRefusal, dialogs };
}
