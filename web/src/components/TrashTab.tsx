import { useState } from 'react';
import { itemsApi } from '../api/items.js';
import type { Trash } from '../../../src/contracts.js';
import { formatDateTime } from '../dates.js';
import { href } from '../router.js';
import { useAction } from '../useAction.js';
import { useResource } from '../useResource.js';
import { ErrorMessage } from './ErrorMessage.js';
import { PurgeItemDialog } from './items/PurgeItemDialog.js';
import { RowActions, RowButton } from './RowActions.js';
import { ACTIONS, Table } from './Table.js';
import './items/items.css';

type Trashed = Trash['items'][number];

/**
 * A project's trash (ITEM-8: deleting moves an item and its subtree here), for its administrators: restore an item
 * under its parent, or purge it for good.
 */
export function TrashTab({ projectKey }: { projectKey: string }) {
  const trash = useResource(() => itemsApi.listTrash(projectKey), [projectKey]);
  const restore = useAction();
  const [purging, setPurging] = useState<Trashed | null>(null);
  const [notice, setNotice] = useState<{ text: string; key?: string } | null>(null);

  function restoreItem(item: Trashed) {
    void restore.run(async () => {
      await itemsApi.restore(item.key);
      setNotice({ text: `Restored ${item.key} to the tree.`, key: item.key });
      trash.reload();
    });
  }

  return (
    <>
      <h2>Trash</h2>
      {notice && (
        <p className="notice" role="status">
          {notice.text} {notice.key && <a href={href.item(notice.key)}>Open {notice.key}</a>}
        </p>
      )}
      <ErrorMessage error={trash.error ?? restore.error} />
      {trash.data && trash.data.items.length === 0 && (
        <div className="empty-state tree-empty">
          <p>The trash is empty. Work items deleted from the tree wait here until you restore or purge them.</p>
          <a href={href.project(projectKey)}>Back to the work items</a>
        </div>
      )}
      {trash.data && trash.data.items.length > 0 && (
        <Table
          className="trash-table"
          caption="Deleted work items"
          columns={['Item', 'Deleted', 'Deleted by', ACTIONS]}
        >
          {trash.data.items.map((item) => (
            <tr key={item.key}>
              <td>
                <span className="key">{item.key}</span> {item.title}
              </td>
              <td>{formatDateTime(item.deletedAt)}</td>
              <td>{item.deletedBy}</td>
              <RowActions>
                <RowButton name={`Restore ${item.key}`} disabled={restore.busy} onClick={() => restoreItem(item)}>
                  Restore
                </RowButton>
                <RowButton danger name={`Purge ${item.key}`} onClick={() => setPurging(item)}>
                  Purge…
                </RowButton>
              </RowActions>
            </tr>
          ))}
        </Table>
      )}
      {trash.loading && !trash.data && <p className="muted">Loading…</p>}
      {purging && (
        <PurgeItemDialog
          projectKey={projectKey}
          item={purging}
          onClose={() => setPurging(null)}
          onPurged={() => {
            setPurging(null);
            setNotice({ text: `Purged ${purging.key} for good.` });
            trash.reload();
          }}
        />
      )}
    </>
  );
}
