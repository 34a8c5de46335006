import { useState } from 'react';
import { api } from '../api.js';
import type { TeamDetail } from '../../../src/contracts.js';
import { useFormSubmit } from '../useFormSubmit.js';
import { ErrorMessage } from './ErrorMessage.js';
import { TextField } from './TextField.js';

/** A team's name and description, for those who manage it; saved with the version read (API-4). */
export function TeamDetailsForm({ team, onSaved }: { team: TeamDetail; onSaved: () => void }) {
  const [name, setName] = useState(team.name);
  const [description, setDescription] = useState(team.description);
  const [saved, setSaved] = useState(false);
  const { busy, fields, submit } = useFormSubmit(['name', 'description'], async () => {
    setSaved(false);
    await api.updateTeam(team, { name: name.trim(), description: description.trim() });
    setSaved(true);
    onSaved();
  });

  return (
    <form onSubmit={submit} className="form panel" aria-label="Team details">
      <TextField label="Name" value={name} onChange={setName} required errors={fields} field="name" />
      <TextField
        label="Description"
        value={description}
        onChange={setDescription}
        rows={2}
        errors={fields}
        field="description"
      />
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
