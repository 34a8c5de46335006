import { listClients } from '../../api/projects.js';
import type { FieldErrors } from '../../useFieldErrors.js';
import { useResource } from '../../useResource.js';
import { ErrorMessage } from '../ErrorMessage.js';
import { SelectField } from '../SelectField.js';

interface Props {
  value: string;
  onChange: (clientId: string) => void;
  /** The plan's client as the API sent it, kept as an option when the list lacks it (e.g. archived since). */
  current: { id: number; name: string } | null | undefined;
  errors: FieldErrors;
}

/** The client of a planned task, for who may set it (client_admin, app_admin: APP-4). */
export function ClientSelect({ value, onChange, current, errors }: Props) {
  const clients = useResource(() => listClients(), []);
  const listed = clients.data?.items ?? [];
  return (
    <>
      <SelectField label="Client" value={value} onChange={onChange} errors={errors} field="clientId">
        <option value="">No client</option>
        {current && !listed.some((c) => c.id === current.id) && <option value={current.id}>{current.name}</option>}
        {listed.map((client) => (
          <option key={client.id} value={client.id}>
            {client.name}
          </option>
        ))}
      </SelectField>
      <ErrorMessage error={clients.error} />
    </>
  );
}
