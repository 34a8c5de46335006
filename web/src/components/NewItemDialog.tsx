import { useState, type FormEvent } from 'react';
import { api } from '../api.js';
import type { Item } from '../../../src/contracts.js';
import { useFieldErrors } from '../useFieldErrors.js';
import { Dialog } from './Dialog.js';
import { ErrorMessage } from './ErrorMessage.js';
import { FieldError } from './FieldError.js';

interface Props {
  projectKey: string;
  onClose: () => void;
  onCreated: (item: Item) => void;
}

export function NewItemDialog({ projectKey, onClose, onCreated }: Props) {
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [parentKey, setParentKey] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const fields = useFieldErrors(error, ['title', 'description', 'parentKey']);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSaving(true);
    setError(null);
    try {
      const item = await api.createItem(projectKey, {
        title: title.trim(),
        description: description.trim() || undefined,
        parentKey: parentKey.trim() || undefined,
      });
      onCreated(item);
    } catch (failure) {
      setError(failure);
      setSaving(false);
    }
  }

  return (
    <Dialog title="New item" onClose={onClose}>
      <form onSubmit={submit} className="form">
        <label>
          Title
          <input
            value={title}
            onChange={(e) => setTitle(e.target.value)}
            required
            autoFocus
            {...fields.props('title')}
          />
        </label>
        <FieldError errors={fields} field="title" />
        <label>
          Description
          <textarea
            value={description}
            onChange={(e) => setDescription(e.target.value)}
            rows={4}
            {...fields.props('description')}
          />
        </label>
        <FieldError errors={fields} field="description" />
        <label>
          Parent item key (optional)
          <input
            value={parentKey}
            onChange={(e) => setParentKey(e.target.value)}
            placeholder={`${projectKey}-1`}
            {...fields.props('parentKey')}
          />
        </label>
        <FieldError errors={fields} field="parentKey" />
        <ErrorMessage error={fields.rest} />
        <div className="form-actions">
          <button type="button" className="button secondary" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button" disabled={saving}>
            {saving ? 'Creating…' : 'Create'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
