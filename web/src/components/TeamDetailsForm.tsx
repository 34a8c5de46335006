import { useState, type FormEvent } from 'react';
import { api } from '../api.js';
import type { TeamDetail } from '../../../src/contracts.js';
import { useAction } from '../useAction.js';
import { useFieldErrors } from '../useFieldErrors.js';
import { ErrorMessage } from './ErrorMessage.js';
import { FieldError } from './FieldError.js';

/** A team's name and description, for those who manage it; saved with the version read (API-4). */
export function TeamDetailsForm({ team, onSaved }: { team: TeamDetail; onSaved: () => void }) {
  const [name, setName] = useState(team.name);
  const [description, setDescription] = useState(team.description);
  const [saved, setSaved] = useState(false);
  const { busy, error, run } = useAction();
  const fields = useFieldErrors(error, ['name', 'description']);

  function submit(event: FormEvent) {
    event.preventDefault();
    setSaved(false);
    void run(async () => {
      await api.updateTeam(team, { name: name.trim(), description: description.trim() });
      setSaved(true);
      onSaved();
    });
  }

  return (
    <form onSubmit={submit} className="form panel" aria-label="Team details">
      <label>
        Name
        <input value={name} onChange={(e) => setName(e.target.value)} required {...fields.props('name')} />
      </label>
      <FieldError errors={fields} field="name" />
      <label>
        Description
        <textarea
          value={description}
          onChange={(e) => setDescription(e.target.value)}
          rows={2}
          {...fields.props('description')}
        />
      </label>
      <FieldError errors={fields} field="description" />
      <ErrorMessage error={fields.rest} />
      {saved && (
        <p className="notice" role="status">
          Saved.
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="button" disabled={busy}>
          {busy ? 'Saving…' : 'Save details'}
        </button>
      </div>
    </form>
  );
}
