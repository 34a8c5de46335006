import { useState, type FormEvent } from 'react';
import { api } from '../api.js';
import type { AppRoleGrantInput, AppRoleName, Preview } from '../../../src/contracts.js';
import { useResource } from '../useResource.js';
import { ChangePreview } from './ChangePreview.js';
import { ErrorMessage } from './ErrorMessage.js';
import { FieldError } from './FieldError.js';
import { SelectField } from './SelectField.js';
import { UserSearch, type PersonOption } from './UserSearch.js';
import { useAction } from '../useAction.js';
import { useFieldErrors } from '../useFieldErrors.js';

interface Props {
  roles: AppRoleName[];
  onGranted: () => void;
}

const searchUsers = async (q: string) => (await api.searchUsers(q)).items.filter((u) => u.active);

export function GrantRoleForm({ roles, onGranted }: Props) {
  const [role, setRole] = useState(roles[0]);
  const [to, setTo] = useState<'user' | 'group'>('group');
  const [user, setUser] = useState<PersonOption | null>(null);
  const [groupId, setGroupId] = useState<number | null>(null);
  const groups = useResource(() => api.listGroups(), []);
  const [preview, setPreview] = useState<Preview | null>(null);
  const { busy, error, run } = useAction();
  const fields = useFieldErrors(error, ['role', 'groupId', 'userId']);
  const chosenGroup = groupId ?? groups.data?.items[0]?.id ?? null;
  const grant: AppRoleGrantInput | null =
    to === 'user'
      ? user
        ? { role, userId: user.id }
        : null
      : chosenGroup !== null
        ? { role, groupId: chosenGroup }
        : null;

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!grant) return;
    void run(async () => {
      await api.grantAppRole(grant);
      setPreview(null);
      onGranted();
    });
  }

  const changed = () => setPreview(null);

  return (
    <form onSubmit={submit} className="form panel" aria-labelledby="grant-role-title">
      <h3 id="grant-role-title">Grant an app role</h3>
      <div className="form-row">
        <SelectField
          label="Role"
          value={role}
          errors={fields}
          field="role"
          onChange={(value) => {
            setRole(value as AppRoleName);
            changed();
          }}
        >
          {roles.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </SelectField>
        <SelectField
          label="Grant to"
          value={to}
          onChange={(value) => {
            setTo(value as 'user' | 'group');
            changed();
          }}
        >
          <option value="group">Group</option>
          <option value="user">User</option>
        </SelectField>
        {to === 'group' && (
          <SelectField
            label="Group"
            value={chosenGroup ?? ''}
            errors={fields}
            field="groupId"
            onChange={(id) => {
              setGroupId(Number(id));
              changed();
            }}
          >
            {groups.data?.items.map((g) => (
              <option key={g.id} value={g.id}>
                {g.name}
              </option>
            ))}
          </SelectField>
        )}
      </div>
      {to === 'user' && (
        <UserSearch
          search={searchUsers}
          value={user?.id ?? null}
          onChange={(next) => {
            setUser(next);
            changed();
          }}
        />
      )}
      <FieldError errors={fields} field="userId" />
      <ErrorMessage error={groups.error ?? fields.rest} />
      <div className="form-actions start">
        <button
          type="button"
          className="button secondary"
          disabled={busy || !grant}
          onClick={() => grant && run(async () => setPreview(await api.previewAppRole({ grant })))}
        >
          Preview
        </button>
        <button type="submit" className="button" disabled={busy || !grant}>
          Grant role
        </button>
      </div>
      {preview && <ChangePreview preview={preview} />}
    </form>
  );
}
