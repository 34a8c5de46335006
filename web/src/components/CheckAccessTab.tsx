import { useState, type FormEvent } from 'react';
import { api } from '../api.js';
import { CHECKABLE_ACTIONS, type ResourceKind } from '../labels.js';
import { today } from '../dates.js';
import type { ExplainResource, Explanation, Person } from '../../../src/contracts.js';
import { useFieldErrors } from '../useFieldErrors.js';
import { ErrorMessage } from './ErrorMessage.js';
import { FieldError } from './FieldError.js';
import { DATED_ACTIONS, ExplanationView } from './ExplanationView.js';
import { SelectField } from './SelectField.js';
import { UserSearch } from './UserSearch.js';

const searchUsers = async (q: string) => (await api.searchUsers(q)).items;

/** "Check access" (EXPL-1): any user's decision on an action and resource, explained layer by layer. */
export function CheckAccessTab() {
  const [user, setUser] = useState<Person | null>(null);
  const [action, setAction] = useState(CHECKABLE_ACTIONS[0].action);
  const [resourceKind, setResourceKind] = useState<ResourceKind>(CHECKABLE_ACTIONS[0].resource);
  const [key, setKey] = useState('');
  const [date, setDate] = useState(today());
  const dated = DATED_ACTIONS.has(action) && resourceKind === 'item';
  const [result, setResult] = useState<Explanation | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const fields = useFieldErrors(error, ['item', 'project', 'date']);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!user) return;
    const resource: ExplainResource =
      resourceKind === 'item'
        ? { item: key.trim(), ...(dated && date ? { date } : {}) }
        : resourceKind === 'project'
          ? { project: key.trim() }
          : {};
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      setResult(await api.checkAccess(user.id, action, resource));
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <h2>Check access</h2>
      <form onSubmit={submit} className="form panel" aria-label="Check access">
        <UserSearch value={user?.id ?? null} onChange={setUser} search={searchUsers} />
        <div className="form-row">
          <SelectField
            label="Action"
            value={action}
            onChange={(value) => {
              setAction(value);
              const option = CHECKABLE_ACTIONS.find((o) => o.action === value);
              if (option) setResourceKind(option.resource);
            }}
          >
            {CHECKABLE_ACTIONS.map((option) => (
              <option key={option.action} value={option.action}>
                {option.label} ({option.action})
              </option>
            ))}
          </SelectField>
          <SelectField label="On" value={resourceKind} onChange={(value) => setResourceKind(value as ResourceKind)}>
            <option value="item">A work item</option>
            <option value="project">A project</option>
            <option value="global">Nothing in particular</option>
          </SelectField>
          {resourceKind !== 'global' && (
            <label>
              {resourceKind === 'item' ? 'Work item key' : 'Project key'}
              <input
                value={key}
                onChange={(e) => setKey(e.target.value.toUpperCase())}
                placeholder={resourceKind === 'item' ? 'ACME-12' : 'ACME'}
                required
                {...fields.props(resourceKind)}
              />
            </label>
          )}
          {dated && (
            <label>
              Work date
              <input type="date" value={date} onChange={(e) => setDate(e.target.value)} {...fields.props('date')} />
            </label>
          )}
        </div>
        <FieldError errors={fields} field="item" />
        <FieldError errors={fields} field="project" />
        <FieldError errors={fields} field="date" />
        <ErrorMessage error={fields.rest} />
        <div className="form-actions start">
          <button type="submit" className="button" disabled={busy || !user}>
            {busy ? 'Checking…' : 'Check'}
          </button>
        </div>
      </form>
      {result && <ExplanationView explanation={result} />}
    </>
  );
}
