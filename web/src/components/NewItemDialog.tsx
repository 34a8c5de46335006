import { useState } from 'react';
import { api } from '../api.js';
import type { Item } from '../../../src/contracts.js';
import { useFormSubmit } from '../useFormSubmit.js';
import { Dialog } from './Dialog.js';
import { ErrorMessage } from './ErrorMessage.js';
import { FormButtons } from './FormButtons.js';
import { TextField } from './TextField.js';

interface Props {
  projectKey: string;
  onClose: () => void;
  onCreated: (item: Item) => void;
}

export function NewItemDialog({ projectKey, onClose, onCreated }: Props) {
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [parentKey, setParentKey] = useState('');

  const { busy, fields, submit } = useFormSubmit(['title', 'description', 'parentKey'], async () => {
    const item = await api.createItem(projectKey, {
      title: title.trim(),
      description: description.trim() || undefined,
      parentKey: parentKey.trim() || undefined,
    });
    onCreated(item);
  });

  return (
    <Dialog title="New item" onClose={onClose}>
      <form onSubmit={submit} className="form">
        <TextField label="Title" value={title} onChange={setTitle} required autoFocus errors={fields} field="title" />
        <TextField
          label="Description"
          value={description}
          onChange={setDescription}
          rows={4}
          errors={fields}
          field="description"
        />
        <TextField
          label="Parent item key (optional)"
          value={parentKey}
          onChange={setParentKey}
          placeholder={`${projectKey}-1`}
          errors={fields}
          field="parentKey"
        />
        <ErrorMessage error={fields.rest} />
        <FormButtons onCancel={onClose} label="Create" busyLabel="Creating…" busy={busy} />
      </form>
    </Dialog>
  );
}
