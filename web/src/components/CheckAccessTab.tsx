import { useState } from 'react';
import { api } from '../api.js';
import { CHECKABLE_ACTIONS, type ResourceKind } from '../labels.js';
import { today } from '../dates.js';
import type { ExplainAction, ExplainResource, Explanation, Person } from '../../../src/contracts.js';
import { useFormSubmit } from '../useFormSubmit.js';
import { ErrorMessage } from './ErrorMessage.js';
import { DATED_ACTIONS, ExplanationView } from './ExplanationView.js';
import { KeyField } from './KeyField.js';
import { SelectField } from './SelectField.js';
import { TextField } from './TextField.js';
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

  const { busy, fields, submit } = useFormSubmit(['item', 'project', 'date'], async () => {
    if (!user) return;
    const resource: ExplainResource =
      resourceKind === 'item'
        ? { item: key.trim(), ...(dated && date ? { date } : {}) }
        : resourceKind === 'project'
          ? { project: key.trim() }
          : {};
    setResult(null);
    setResult(await api.checkAccess(user.id, action, resource));
  });

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
              setAction(value as ExplainAction);
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
            <KeyField kind={resourceKind} value={key} onChange={setKey} errors={fields} field={resourceKind} />
          )}
          {dated && (
            <TextField label="Work date" type="date" value={date} onChange={setDate} errors={fields} field="date" />
          )}
        </div>
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
