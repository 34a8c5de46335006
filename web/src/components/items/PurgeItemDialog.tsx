import type { FormEvent } from 'react';
import { itemsApi } from '../../api/items.js';
import { useAction } from '../../useAction.js';
import { Dialog } from '../Dialog.js';
import { ErrorMessage } from '../ErrorMessage.js';
import { FormButtons } from '../FormButtons.js';

interface Props {
  projectKey: string;
  item: { key: string; title: string };
  onClose: () => void;
  onPurged: () => void;
}

/** Purging deletes a trashed item and everything under it for good; an item with work logs is refused (409). */
export function PurgeItemDialog({ projectKey, item, onClose, onPurged }: Props) {
  const { busy, error, run } = useAction();
  function submit(event: FormEvent) {
    event.preventDefault();
    void run(async () => {
      await itemsApi.purge(projectKey, item.key);
      onPurged();
    });
  }
  return (
    <Dialog title={`Purge ${item.key}?`} onClose={onClose}>
      <form onSubmit={submit} className="form">
        <p>
          <strong>
            {item.key} {item.title}
          </strong>
          , every item under it and their comments are deleted for good. This cannot be undone. Items with work logs are
          never purged.
        </p>
        <ErrorMessage error={error} />
        <FormButtons onCancel={onClose} label="Purge for good" busyLabel="Purging…" busy={busy} />
      </form>
    </Dialog>
  );
}
