import { useState } from 'react';
import { api } from '../api.js';
import type { Person, TeamDetail } from '../../../src/contracts.js';
import { useFormSubmit } from '../useFormSubmit.js';
import { Dialog } from './Dialog.js';
import { ErrorMessage } from './ErrorMessage.js';
import { FormButtons } from './FormButtons.js';
import { SelectField } from './SelectField.js';
import { TextField } from './TextField.js';
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
  const lead = members.find((m) => m.id === leadId);

  const { busy, fields, submit } = useFormSubmit(['name'], async () => {
    const team = await api.createTeam({
      name: name.trim(),
      description: description.trim() || undefined,
      projectKey: projectKey ?? undefined,
      leadUserId: lead?.id,
      memberIds: members.filter((m) => m.id !== lead?.id).map((m) => m.id),
    });
    onCreated(team);
  });

  return (
    <Dialog title={projectKey ? `New team of ${projectKey}` : 'New global team'} onClose={onClose} wide>
      <form onSubmit={submit} className="form">
        <TextField label="Name" value={name} onChange={setName} required autoFocus errors={fields} field="name" />
        <TextField label="Description (optional)" value={description} onChange={setDescription} rows={2} />
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
        <FormButtons onCancel={onClose} label="Create team" busyLabel="Creating…" busy={busy} />
      </form>
    </Dialog>
  );
}
