import { useState, type ReactNode } from 'react';
import { itemsApi } from '../../api/items.js';
import type { Item, ItemUpdate } from '../../../../src/contracts.js';
import { useAction } from '../../useAction.js';
import { useFormSubmit } from '../../useFormSubmit.js';
import { FormButtons } from '../FormButtons.js';
import { StatusBadge } from '../StatusBadge.js';
import { TextField } from '../TextField.js';
import { Refusal } from './Refusal.js';
import './items.css';

const STATUSES: { value: Item['status']; label: string }[] = [
  { value: 'open', label: 'Open' },
  { value: 'in_progress', label: 'In progress' },
  { value: 'done', label: 'Done' },
];

interface Props {
  item: Item;
  /** The item as saved; `reload` fetches it again after a version conflict (API-4). */
  onSaved: (item: Item) => void;
  reload: () => void;
}

type Editing = 'title' | 'description' | null;

/**
 * The item's title, status and description, each edited in place where the caller may edit the item. Saves send the
 * version read, so a change made meanwhile is refused with a message saying to reload (409), never overwritten.
 */
export function ItemFieldsEditor({ item: read, onSaved: saved, reload }: Props) {
  const [editing, setEditing] = useState<Editing>(null);
  // The answer of the last save until the page has read the item again, so the next save sends its version.
  const [latest, setLatest] = useState(read);
  const item = latest.key === read.key && latest.version > read.version ? latest : read;
  const onSaved = (next: Item) => {
    setLatest(next);
    saved(next);
  };
  const canEdit = item.abilities.canEdit;
  const status = useAction();

  function changeStatus(value: Item['status']) {
    void status.run(async () => onSaved(await itemsApi.update(item, { status: value })));
  }

  const heading = (
    <h1>
      <span className="key">{item.key}</span> {item.title} {!canEdit && <StatusBadge status={item.status} />}
    </h1>
  );

  return (
    <div className="item-fields-editor">
      {editing === 'title' ? (
        <InlineForm item={item} field="title" label="Title" onSaved={onSaved} reload={reload} onDone={setEditing} />
      ) : (
        <Editable label="Edit title" show={canEdit} onEdit={() => setEditing('title')}>
          {heading}
        </Editable>
      )}
      {canEdit && (
        <div className="item-fields">
          <label>
            Status
            <select
              value={item.status}
              disabled={status.busy}
              onChange={(event) => changeStatus(event.target.value as Item['status'])}
            >
              {STATUSES.map((s) => (
                <option key={s.value} value={s.value}>
                  {s.label}
                </option>
              ))}
            </select>
          </label>
          {status.busy && <span className="muted">Saving…</span>}
        </div>
      )}
      <Refusal error={status.error} onReload={reload} />
      {editing === 'description' ? (
        <InlineForm
          item={item}
          field="description"
          label="Description"
          onSaved={onSaved}
          reload={reload}
          onDone={setEditing}
        />
      ) : (
        <Editable label="Edit description" show={canEdit} onEdit={() => setEditing('description')}>
          {item.description ? (
            <p className="item-description">{item.description}</p>
          ) : (
            <p className="muted">No description.</p>
          )}
        </Editable>
      )}
    </div>
  );
}

function Editable({
  label,
  show,
  onEdit,
  children,
}: {
  label: string;
  show: boolean;
  onEdit: () => void;
  children: ReactNode;
}) {
  return (
    <div className="item-editable">
      {children}
      {show && (
        <button type="button" className="button small secondary" onClick={onEdit}>
          {label}
        </button>
      )}
    </div>
  );
}

interface InlineProps {
  item: Item;
  field: 'title' | 'description';
  label: string;
  onSaved: (item: Item) => void;
  reload: () => void;
  onDone: (editing: Editing) => void;
}

function InlineForm({ item, field, label, onSaved, reload, onDone }: InlineProps) {
  const [value, setValue] = useState(item[field]);
  const { busy, fields, submit } = useFormSubmit([field], async () => {
    const changes: Omit<ItemUpdate, 'version'> = { [field]: field === 'title' ? value.trim() : value };
    onSaved(await itemsApi.update(item, changes));
    onDone(null);
  });
  return (
    <form onSubmit={submit} className={`form item-${field}-edit`}>
      <TextField
        label={label}
        value={value}
        onChange={setValue}
        rows={field === 'description' ? 6 : undefined}
        required={field === 'title'}
        autoFocus
        errors={fields}
        field={field}
      />
      <Refusal error={fields.rest} onReload={reload} />
      <FormButtons onCancel={() => onDone(null)} label={`Save ${field}`} busyLabel="Saving…" busy={busy} />
    </form>
  );
}
