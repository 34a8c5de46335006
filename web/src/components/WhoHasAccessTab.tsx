import { useState, type FormEvent } from 'react';
import { useFieldErrors } from '../useFieldErrors.js';
import { KeyField } from './KeyField.js';
import { ItemAccessTable, ProjectAccessTable } from './AccessTables.js';
import { SelectField } from './SelectField.js';

type Target = { kind: 'item' | 'project'; key: string };

/** "Who has access" (EXPL-2): every user with access to a work item or a project, and why. */
export function WhoHasAccessTab() {
  const [kind, setKind] = useState<Target['kind']>('item');
  const [key, setKey] = useState('');
  const [target, setTarget] = useState<Target | null>(null);
  // A key the server refuses (400 naming it) is shown at the key's field (API-5).
  const [error, setError] = useState<unknown>(null);
  const fields = useFieldErrors(error, ['key']);

  function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    if (key.trim()) setTarget({ kind, key: key.trim() });
  }

  return (
    <>
      <h2>Who has access</h2>
      <form onSubmit={submit} className="form inline-form panel" aria-label="Who has access">
        <SelectField label="Access to" value={kind} onChange={(value) => setKind(value as Target['kind'])}>
          <option value="item">A work item</option>
          <option value="project">A project</option>
        </SelectField>
        <KeyField kind={kind} value={key} onChange={setKey} errors={fields} field="key" />
        <button type="submit" className="button">
          Show
        </button>
      </form>
      {target?.kind === 'item' && (
        <p className="muted">
          Log work is decided for today in the installation's time zone, with the team and price-list check.
        </p>
      )}
      {target?.kind === 'item' && <ItemAccessTable key={target.key} itemKey={target.key} onError={setError} />}
      {target?.kind === 'project' && <ProjectAccessTable key={target.key} projectKey={target.key} onError={setError} />}
    </>
  );
}
