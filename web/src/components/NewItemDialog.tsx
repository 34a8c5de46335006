import { useState, type FormEvent } from 'react';
import { api, ApiError } from '../api.js';
import type { ItemSummary } from '../types.js';
import { Dialog } from './Dialog.js';
import { ErrorMessage } from './ErrorMessage.js';

interface Props {
  projectKey: string;
  onClose: () => void;
  onCreated: (item: ItemSummary) => void;
}

export function NewItemDialog({ projectKey, onClose, onCreated }: Props) {
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [parentKey, setParentKey] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const badField = error instanceof ApiError ? error.field : undefined;

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
            aria-invalid={badField === 'title' || undefined}
          />
        </label>
        <label>
          Description
          <textarea
            value={description}
            onChange={(e) => setDescription(e.target.value)}
            rows={4}
            aria-invalid={badField === 'description' || undefined}
          />
        </label>
        <label>
          Parent item key (optional)
          <input
            value={parentKey}
            onChange={(e) => setParentKey(e.target.value)}
            placeholder={`${projectKey}-1`}
            aria-invalid={badField === 'parentKey' || undefined}
          />
        </label>
        <ErrorMessage error={error} />
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
