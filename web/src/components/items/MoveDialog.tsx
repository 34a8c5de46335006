import { useState, type FormEvent } from 'react';
import { itemsApi } from '../../api/items.js';
import type { Item } from '../../../../src/contracts.js';
import { useAction } from '../../useAction.js';
import { useCursorList } from '../../useCursorList.js';
import { useDebounced } from '../../useDebounced.js';
import { Dialog } from '../Dialog.js';
import { FormButtons } from '../FormButtons.js';
import { PagedList } from '../PagedList.js';
import { TextField } from '../TextField.js';
import { placingUnder, Refusal } from './Refusal.js';
import './items.css';

interface Props {
  item: Pick<Item, 'key' | 'title' | 'version' | 'parentKey' | 'projectKey'>;
  onClose: () => void;
  onMoved: (item: Item) => void;
  onReload?: () => void;
}

const TOP = '';

/**
 * "Move to…" (ITEM-8): a searchable list of the places the item may go — the top of the project and every item the
 * caller sees outside the item's own subtree. Whether the caller may edit the chosen parent is the move's decision, so
 * a refusal shows the server's reason.
 */
export function MoveDialog({ item, onClose, onMoved, onReload }: Props) {
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim());
  const [choice, setChoice] = useState<string | null>(null);
  const targets = useCursorList((cursor) => itemsApi.moveTargets(item.key, q, cursor), [item.key, q]);
  const { busy, error, run } = useAction();
  const current = item.parentKey ?? TOP;

  function submit(event: FormEvent) {
    event.preventDefault();
    if (choice === null) return;
    void run(async () => onMoved(await itemsApi.move(item, choice === TOP ? null : choice)));
  }

  const option = (value: string, label: string) => (
    <li key={value || 'top'}>
      <label className="checkbox choice">
        <input
          type="radio"
          name="move-target"
          value={value}
          checked={choice === value}
          disabled={value === current}
          onChange={() => setChoice(value)}
        />
        <span>
          {label}
          {value === current && <span className="muted"> (where it is now)</span>}
        </span>
      </label>
    </li>
  );

  return (
    <Dialog title={`Move ${item.key} to…`} onClose={onClose}>
      <form onSubmit={submit} className="form">
        <p className="muted">
          {item.key} {item.title} moves with everything under it.
        </p>
        <TextField label="Search by key or title" type="search" value={search} onChange={setSearch} autoFocus />
        <fieldset className="move-targets">
          <legend>New parent</legend>
          {!q && <ul className="choice-list">{option(TOP, `Top level of ${item.projectKey}`)}</ul>}
          <PagedList list={targets} empty={q ? `No item matches “${q}”.` : 'No other items in this project.'}>
            {(items) => (
              <ul className="choice-list">
                {items.map((target) => option(target.key, `${target.key} ${target.title}`))}
              </ul>
            )}
          </PagedList>
        </fieldset>
        <Refusal error={error} why={placingUnder(item.projectKey, choice || null)} onReload={onReload} />
        <FormButtons onCancel={onClose} label="Move" busyLabel="Moving…" busy={busy} disabled={choice === null} />
      </form>
    </Dialog>
  );
}
