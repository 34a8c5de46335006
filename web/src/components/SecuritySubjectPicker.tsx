import { useState } from 'react';
import { findGroups, findRoles, findUsers } from '../subjects.js';
import type { Named, Person, SecurityEntry } from '../../../src/contracts.js';
import { useResource } from '../useResource.js';
import { ErrorMessage } from './ErrorMessage.js';
import { SUBJECT_KIND_LABELS } from './SecurityEntriesTable.js';
import { SelectField } from './SelectField.js';
import { UserSearch } from './UserSearch.js';

/** The kinds this picker offers; an entry for a team (set through the API) is shown, not picked here. */
const PICKABLE = ['user', 'group', 'role'] as const;
type PickableKind = (typeof PICKABLE)[number];

interface Props {
  projectKey: string;
  existing: SecurityEntry[];
  onAdd: (entry: SecurityEntry) => void;
}

/** Adds an entry for a user, a group or a project role; a new entry allows view and leaves edit unset. */
export function SecuritySubjectPicker({ projectKey, existing, onAdd }: Props) {
  const [kind, setKind] = useState<PickableKind>('group');
  const [user, setUser] = useState<Person | null>(null);
  const [namedId, setNamedId] = useState<number | null>(null);
  const named = useResource<Named[]>(
    () => (kind === 'group' ? findGroups(projectKey) : kind === 'role' ? findRoles(projectKey) : Promise.resolve([])),
    [kind, projectKey],
  );
  const options = named.data ?? [];
  const chosenNamed = options.find((o) => o.id === namedId) ?? options[0];
  const subject = kind === 'user' ? user && { id: user.id, name: user.displayName } : chosenNamed;
  const duplicate = subject ? existing.some((e) => e.kind === kind && e.subject.id === subject.id) : false;

  function add() {
    if (!subject || duplicate) return;
    onAdd({ kind, subject, view: 'allow', edit: 'unset' });
  }

  return (
    <fieldset className="subject-picker">
      <legend>Add an entry</legend>
      <div className="form-row">
        <SelectField label="Subject type" value={kind} onChange={(k) => setKind(k as PickableKind)}>
          {PICKABLE.map((k) => (
            <option key={k} value={k}>
              {SUBJECT_KIND_LABELS[k]}
            </option>
          ))}
        </SelectField>
        {kind !== 'user' && (
          <SelectField
            label={SUBJECT_KIND_LABELS[kind]}
            value={chosenNamed?.id ?? ''}
            onChange={(id) => setNamedId(Number(id))}
            disabled={options.length === 0}
          >
            {options.length === 0 && <option value="">{named.loading ? 'Loading…' : 'None available'}</option>}
            {options.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </SelectField>
        )}
      </div>
      {kind === 'user' && (
        <UserSearch search={(q) => findUsers(projectKey, q)} value={user?.id ?? null} onChange={setUser} />
      )}
      <ErrorMessage error={named.error} />
      {duplicate && <p className="hint-inline muted">Already in the list.</p>}
      <div className="form-actions start">
        <button type="button" className="button secondary" onClick={add} disabled={!subject || duplicate}>
          Add entry
        </button>
      </div>
    </fieldset>
  );
}
