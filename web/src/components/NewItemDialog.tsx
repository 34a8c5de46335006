import { useState } from 'react';
import { api } from '../api.js';
import type { Item } from '../../../src/contracts.js';
import { useFormSubmit } from '../useFormSubmit.js';
import { Dialog } from './Dialog.js';
import { ErrorMessage } from './ErrorMessage.js';
import { FieldError } from './FieldError.js';
import { FormButtons } from './FormButtons.js';
import { TextField } from './TextField.js';

interface Props {
  projectKey: string;
  /**
   * Where the item goes, when the caller chose already (a child or a sibling): an item, or null for the top of the
   * project. Left out, the dialog asks for an optional parent key.
   */
  parent?: { key: string; title: string } | null;
  onClose: () => void;
  onCreated: (item: Item) => void;
}

export function NewItemDialog({ projectKey, parent, onClose, onCreated }: Props) {
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [parentKey, setParentKey] = useState('');
  const chosen = parent !== undefined;

  const { busy, fields, submit } = useFormSubmit(['title', 'description', 'parentKey'], async () => {
    const item = await api.createItem(projectKey, {
      title: title.trim(),
      description: description.trim() || undefined,
      parentKey: (chosen ? parent?.key : parentKey.trim()) || undefined,
    });
    onCreated(item);
  });

  return (
    <Dialog title={parent ? `New item under ${parent.key}` : 'New item'} onClose={onClose}>
      <form onSubmit={submit} className="form">
        {chosen && (
          <p className="muted">{parent ? `Under ${parent.key} ${parent.title}.` : `At the top of ${projectKey}.`}</p>
        )}
        <TextField label="Title" value={title} onChange={setTitle} required autoFocus errors={fields} field="title" />
        <TextField
          label="Description"
          value={description}
          onChange={setDescription}
          rows={4}
          errors={fields}
          field="description"
        />
        {chosen ? (
          <FieldError errors={fields} field="parentKey" />
        ) : (
          <TextField
            label="Parent item key (optional)"
            value={parentKey}
            onChange={setParentKey}
            placeholder={`${projectKey}-1`}
            errors={fields}
            field="parentKey"
          />
        )}
        <ErrorMessage error={fields.rest} />
        <FormButtons onCancel={onClose} label="Create" busyLabel="Creating…" busy={busy} />
      </form>
    </Dialog>
  );
}
