import { useState } from 'react';
import type { Client } from '../../../../src/contracts.js';
import { createClient, updateClient } from '../../api/projects.js';
import { useFormSubmit } from '../../useFormSubmit.js';
import { Dialog } from '../Dialog.js';
import { ErrorMessage } from '../ErrorMessage.js';
import { FormButtons } from '../FormButtons.js';
import { TextField } from '../TextField.js';

interface Props {
  /** The client to change; none for a new one. */
  client?: Client;
  onClose: () => void;
  onSaved: (client: Client) => void;
}

/** A new client, or a client's name, contact, notes and archived flag (FLOW-6, APP-4: client administrators). */
export function ClientDialog({ client, onClose, onSaved }: Props) {
  const [name, setName] = useState(client?.name ?? '');
  const [contact, setContact] = useState(client?.contact ?? '');
  const [notes, setNotes] = useState(client?.notes ?? '');
  const [archived, setArchived] = useState(client?.archived ?? false);
  const { busy, fields, submit } = useFormSubmit(['name', 'contact', 'notes', 'archived', 'version'], async () => {
    const input = { name: name.trim(), contact: contact.trim(), notes: notes.trim() };
    onSaved(client ? await updateClient(client, { ...input, archived }) : await createClient(input));
  });
  return (
    <Dialog title={client ? `Edit ${client.name}` : 'New client'} onClose={onClose}>
      <form onSubmit={submit} className="form">
        <TextField label="Name" value={name} onChange={setName} required autoFocus errors={fields} field="name" />
        <TextField label="Contact (optional)" value={contact} onChange={setContact} errors={fields} field="contact" />
        <TextField label="Notes (optional)" value={notes} onChange={setNotes} rows={3} errors={fields} field="notes" />
        {client && (
          <label className="checkbox">
            <input type="checkbox" checked={archived} onChange={(e) => setArchived(e.target.checked)} /> Archived — kept
            on its projects, offered for no new one
          </label>
        )}
        <ErrorMessage error={fields.rest} />
        <FormButtons
          onCancel={onClose}
          label={client ? 'Save client' : 'Create client'}
          busyLabel="Saving…"
          busy={busy}
        />
      </form>
    </Dialog>
  );
}
