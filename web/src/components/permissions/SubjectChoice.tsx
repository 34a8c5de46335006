import { useState } from 'react';
import { api } from '../../api.js';
import type { Named, Person } from '../../../../src/contracts.js';
import { findUsers } from '../../subjects.js';
import { useDebounced } from '../../useDebounced.js';
import type { FieldErrors } from '../../useFieldErrors.js';
import { useResource } from '../../useResource.js';
import { ErrorMessage } from '../ErrorMessage.js';
import { FieldError } from '../FieldError.js';
import { SUBJECT_KIND_LABELS } from '../SecurityEntriesTable.js';
import { SelectField } from '../SelectField.js';
import { UserSearch } from '../UserSearch.js';

/** Who a grant or a role membership names (PRJ-3): a user, a group or (grants only) a project role. */
export type LinkKind = 'user' | 'group' | 'role';
export type SubjectRef = { userId: number } | { groupId: number } | { roleId: number };

const FIELD: Record<LinkKind, 'userId' | 'groupId' | 'roleId'> = { user: 'userId', group: 'groupId', role: 'roleId' };

export type SubjectChoice = ReturnType<typeof useSubjectChoice>;

/** The subject being picked: its kind, the group filter, the user or named subject chosen. */
export function useSubjectChoice(projectKey: string, kinds: readonly LinkKind[]) {
  const [kind, setKind] = useState<LinkKind>(kinds[0]);
  const [user, setUser] = useState<Person | null>(null);
  const [pickedId, setPickedId] = useState<number | null>(null);
  const [q, setQ] = useState('');
  const settled = useDebounced(q.trim());
  // The server searches groups by name (20 at most); project roles are few and all listed.
  const named = useResource<Named[]>(async () => {
    if (kind === 'user') return [];
    const subjects = await api.projectSubjects(projectKey, kind === 'group' ? settled : '');
    return kind === 'group' ? subjects.groups : subjects.roles;
  }, [kind, projectKey, settled]);
  const options = named.data ?? [];
  const chosen = options.find((o) => o.id === pickedId) ?? options[0] ?? null;
  const id = kind === 'user' ? (user?.id ?? null) : (chosen?.id ?? null);
  const subject = id === null ? null : ({ [FIELD[kind]]: id } as SubjectRef);
  return { kinds, kind, setKind, user, setUser, q, setQ, options, chosen, pick: setPickedId, named, subject };
}

/** Pick a subject: its kind, then a group or project role from a list, or a user by search. */
export function SubjectFields({ projectKey, choice, errors, kindLabel }: Props) {
  const { kind, kinds } = choice;
  return (
    <>
      <div className="form-row">
        <SelectField label={kindLabel} value={kind} onChange={(k) => choice.setKind(k as LinkKind)}>
          {kinds.map((k) => (
            <option key={k} value={k}>
              {SUBJECT_KIND_LABELS[k]}
            </option>
          ))}
        </SelectField>
        {kind === 'group' && (
          <label className="field">
            Find group
            <input type="search" value={choice.q} onChange={(e) => choice.setQ(e.target.value)} placeholder="Name" />
          </label>
        )}
        {kind !== 'user' && (
          <SelectField
            label={SUBJECT_KIND_LABELS[kind]}
            value={choice.chosen?.id ?? ''}
            onChange={(id) => choice.pick(Number(id))}
            disabled={choice.options.length === 0}
            errors={errors}
            field={FIELD[kind]}
          >
            {choice.options.length === 0 && (
              <option value="">{choice.named.loading ? 'Loading…' : 'No matches'}</option>
            )}
            {choice.options.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </SelectField>
        )}
      </div>
      {kind === 'user' && (
        <>
          <UserSearch
            search={(q) => findUsers(projectKey, q)}
            value={choice.user?.id ?? null}
            onChange={choice.setUser}
          />
          <FieldError errors={errors} field="userId" />
        </>
      )}
      <ErrorMessage error={choice.named.error} />
    </>
  );
}

interface Props {
  projectKey: string;
  choice: SubjectChoice;
  errors: FieldErrors;
  /** The label of the kind's select: "Grant to", "Member". */
  kindLabel: string;
}
