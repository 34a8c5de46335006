import { useCallback, useMemo, useRef, useState } from 'react';
import { api } from '../../api.js';
import { itemsApi } from '../../api/items.js';
import { href } from '../../router.js';
import { useAction } from '../../useAction.js';
import { ItemTreeLevel } from '../ItemTree.js';
import { NewItemDialog } from '../NewItemDialog.js';
import { setClipboard } from './clipboard.js';
import { useItemLifecycle, type Done } from './lifecycle.js';
import { placingUnder, Refusal } from './Refusal.js';
import { rowId, TreeContext, type TreeState } from './TreeContext.js';
import { onTreeKeyDown } from './treeKeys.js';
import './items.css';

interface Props {
  projectKey: string;
  canCreate: boolean;
}

/** The tree of a project: its shared state, the clipboard bar, the drop zone for the top level, notices and dialogs. */
export function ItemTreeRoot({ projectKey, canCreate }: Props) {
  const [version, setVersion] = useState(0);
  const [expanded, setExpandedKeys] = useState<ReadonlySet<string>>(new Set());
  const [active, setActive] = useState<string | null>(null);
  const [dragging, setDragging] = useState<string | null>(null);
  const [notice, setNotice] = useState<Done | null>(null);
  const [creatingFirst, setCreatingFirst] = useState(false);
  const [drop, setDrop] = useState<{ key: string; parentKey: string | null } | null>(null);
  const move = useAction();
  const treeRef = useRef<HTMLUListElement>(null);

  const setExpanded = useCallback((key: string, open: boolean) => {
    setExpandedKeys((keys) => {
      const next = new Set(keys);
      if (open) next.add(key);
      else next.delete(key);
      return next;
    });
  }, []);

  /** After a change: say what happened, refetch what is shown, and open the new place of the item. */
  const changed = useCallback(
    (done: Done) => {
      setNotice(done);
      if (done.item?.parentKey) setExpanded(done.item.parentKey, true);
      if (done.item) setActive(done.item.key);
      setVersion((v) => v + 1);
    },
    [setExpanded],
  );
  const lifecycle = useItemLifecycle(projectKey, changed);

  function dropOn(parentKey: string | null) {
    const key = dragging;
    setDragging(null);
    if (!key || key === parentKey) return;
    setNotice(null);
    setDrop({ key, parentKey });
    void move.run(async () => {
      const moved = await itemsApi.move(await api.getItem(key), parentKey);
      changed({ message: `Moved ${key} ${parentKey ? `under ${parentKey}` : 'to the top level'}.`, item: moved });
    });
  }

  const tree: TreeState = {
    projectKey,
    version,
    isExpanded: (key) => expanded.has(key),
    setExpanded,
    active,
    setActive,
    dragging,
    setDragging,
    drop: dropOn,
    entriesOf: lifecycle.entries,
  };
  const { copied } = lifecycle;

  const empty = useMemo(
    () => (
      <div className="empty-state tree-empty">
        <p>No work items yet{canCreate ? ' — create the first item.' : '.'}</p>
        {canCreate && (
          <button type="button" className="button" onClick={() => setCreatingFirst(true)}>
            Create the first item
          </button>
        )}
      </div>
    ),
    [canCreate],
  );

  return (
    <TreeContext.Provider value={tree}>
      {notice && (
        <p className="notice" role="status">
          {notice.message} {notice.item && <a href={href.item(notice.item.key)}>Open {notice.item.key}</a>}
        </p>
      )}
      <Refusal
        error={move.error}
        what={
          drop
            ? `Cannot move ${drop.key} ${drop.parentKey ? `under ${drop.parentKey}` : 'to the top level'}`
            : undefined
        }
        why={placingUnder(projectKey, drop?.parentKey ?? null)}
      />
      {lifecycle.pasteRefusal}
      {copied && (
        <div className="clipboard-bar" role="region" aria-label="Clipboard">
          <span>
            Copied <strong>{copied.key}</strong> {copied.title} — choose “Paste {copied.key} here” in an item&apos;s
            actions.
          </span>
          {canCreate && (
            <button
              type="button"
              className="button small secondary"
              disabled={lifecycle.pasteBusy}
              onClick={() => lifecycle.pasteUnder(null)}
            >
              Paste at top level
            </button>
          )}
          <button type="button" className="button small link" onClick={() => setClipboard(null)}>
            Clear
          </button>
        </div>
      )}
      <ItemTreeLevel
        projectKey={projectKey}
        parentKey={null}
        level={1}
        empty={empty}
        treeProps={{
          ref: treeRef,
          role: 'tree',
          'aria-label': `Work items of ${projectKey}`,
          'aria-describedby': 'tree-keys-hint',
          'aria-activedescendant': active ? rowId(active) : undefined,
          tabIndex: 0,
          className: 'tree',
          onKeyDown: (event) => onTreeKeyDown(event, tree),
          onFocus: (event) => {
            if (event.target !== event.currentTarget) return;
            if (active && document.getElementById(rowId(active))) return;
            const first = treeRef.current?.querySelector<HTMLElement>('[role="treeitem"]');
            if (first?.dataset.key) setActive(first.dataset.key);
          },
        }}
      />
      {/* Below the tree, so the rows do not shift under the pointer when a drag starts. */}
      {dragging && (
        <div
          className="tree-drop-top"
          onDragOver={(event) => event.preventDefault()}
          onDrop={(event) => {
            event.preventDefault();
            dropOn(null);
          }}
        >
          Drop here to move {dragging} to the top level
        </div>
      )}
      <p id="tree-keys-hint" className="muted tree-hint">
        Keyboard: ↑ ↓ move, → expand, ← collapse, Enter opens, Shift+F10 opens the item&apos;s actions. Drag a row onto
        another to move it.
      </p>
      {lifecycle.dialogs}
      {creatingFirst && (
        <NewItemDialog
          projectKey={projectKey}
          parent={null}
          onClose={() => setCreatingFirst(false)}
          onCreated={(item) => {
            setCreatingFirst(false);
            changed({ message: `Created ${item.key}.`, item });
          }}
        />
      )}
    </TreeContext.Provider>
  );
}
