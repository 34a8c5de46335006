import { useState } from 'react';
import { createClient, listClients } from '../../api/projects.js';
import { useAction } from '../../useAction.js';
import { useFieldErrors, type FieldErrors } from '../../useFieldErrors.js';
import { useResource } from '../../useResource.js';
import { ErrorMessage } from '../ErrorMessage.js';
import { SelectField } from '../SelectField.js';
import { TextField } from '../TextField.js';

interface Props {
  value: { id: number; name: string } | null;
  onChange: (client: { id: number; name: string } | null) => void;
  errors: FieldErrors;
}

/**
 * A project's client (PRJ-1, FLOW-6): one of the existing clients or none; where the server allows it
 * (`abilities.canCreate`, APP-4), a new client is added here and chosen.
 */
export function ClientPicker({ value, onChange, errors }: Props) {
  const clients = useResource(() => listClients(), []);
  const [adding, setAdding] = useState(false);
  const [name, setName] = useState('');
  const add = useAction();
  const addErrors = useFieldErrors(add.error, ['name']);
  const options = clients.data?.items ?? [];
  // The chosen client stays an option even beyond the first page of clients.
  const shown = value && !options.some((c) => c.id === value.id) ? [value, ...options] : options;

  function addClient() {
    void add.run(async () => {
      const client = await createClient({ name: name.trim() });
      onChange({ id: client.id, name: client.name });
      setName('');
      setAdding(false);
      clients.reload();
    });
  }

  return (
    <div className="client-picker">
      <SelectField
        label="Client"
        value={value?.id ?? ''}
        onChange={(id) => onChange(shown.find((c) => String(c.id) === id) ?? null)}
        errors={errors}
        field="clientId"
      >
        <option value="">No client</option>
        {shown.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name}
          </option>
        ))}
      </SelectField>
      <ErrorMessage error={clients.error} />
      {clients.data?.abilities.canCreate &&
        (adding ? (
          <div className="client-new" role="group" aria-label="New client">
            <TextField
              label="New client's name"
              value={name}
              onChange={setName}
              maxLength={200}
              autoFocus
              errors={addErrors}
              field="name"
              onKeyDown={(e) => {
                // Enter adds the client instead of submitting the project form around it.
                if (e.key === 'Enter') {
                  e.preventDefault();
                  if (name.trim()) addClient();
                }
              }}
            />
            <ErrorMessage error={addErrors.rest} />
            <div className="form-actions start">
              <button type="button" className="button" disabled={add.busy || !name.trim()} onClick={addClient}>
                {add.busy ? 'Adding…' : 'Add client'}
              </button>
              <button type="button" className="button secondary" onClick={() => setAdding(false)}>
                Cancel
              </button>
            </div>
          </div>
        ) : (
          <button type="button" className="button secondary small" onClick={() => setAdding(true)}>
            New client…
          </button>
        ))}
    </div>
  );
}
