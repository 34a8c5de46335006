import { useState, type FormEvent } from 'react';
import { api } from '../api.js';
import type { Person, TeamDetail } from '../../../src/contracts.js';
import { useAction } from '../useAction.js';
import { useFieldErrors } from '../useFieldErrors.js';
import { Dialog } from './Dialog.js';
import { ErrorMessage } from './ErrorMessage.js';
import { FieldError } from './FieldError.js';
import { SelectField } from './SelectField.js';
import { UserChecklist } from './UserChecklist.js';

interface Props {
  /** The project the team belongs to; null for a global team (TEAM-1). */
  projectKey: string | null;
  onClose: () => void;
  onCreated: (team: TeamDetail) => void;
}

/**
 * A new team with its first members (TEAM-3, TEAM-5): the users offered are the server's — active, allowed to
 * browse the project, in no team of it yet. The creator picks the lead; the others join as Team Members.
 */
export function NewTeamDialog({ projectKey, onClose, onCreated }: Props) {
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [members, setMembers] = useState<Person[]>([]);
  const [leadId, setLeadId] = useState<number | null>(null);
  const { busy, error, run } = useAction();
  const fields = useFieldErrors(error, ['name']);
  const lead = members.find((m) => m.id === leadId);

  function submit(event: FormEvent) {
    event.preventDefault();
    void run(async () => {
      const team = await api.createTeam({
        name: name.trim(),
        description: description.trim() || undefined,
        projectKey: projectKey ?? undefined,
        leadUserId: lead?.id,
        memberIds: members.filter((m) => m.id !== lead?.id).map((m) => m.id),
      });
      onCreated(team);
    });
  }

  return (
    <Dialog title={projectKey ? `New team of ${projectKey}` : 'New global team'} onClose={onClose} wide>
      <form onSubmit={submit} className="form">
        <label>
          Name
          <input value={name} onChange={(e) => setName(e.target.value)} required autoFocus {...fields.props('name')} />
        </label>
        <FieldError errors={fields} field="name" />
        <label>
          Description (optional)
          <textarea value={description} onChange={(e) => setDescription(e.target.value)} rows={2} />
        </label>
        <UserChecklist
          legend="Available users"
          load={(q) => api.teamCandidates({ projectKey }, q)}
          selected={members}
          onChange={setMembers}
        />
        <SelectField label="Team lead" value={lead?.id ?? ''} onChange={(id) => setLeadId(id ? Number(id) : null)}>
          <option value="">No lead</option>
          {members.map((m) => (
            <option key={m.id} value={m.id}>
              {m.displayName} ({m.login})
            </option>
          ))}
        </SelectField>
        <ErrorMessage error={fields.rest} />
        <div className="form-actions">
          <button type="button" className="button secondary" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button" disabled={busy}>
            {busy ? 'Creating…' : 'Create team'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
