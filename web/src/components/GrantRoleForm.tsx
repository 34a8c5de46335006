import { useState } from 'react';
import type { AppRoleGrantInput, AppRoleName, Person } from '../../../src/contracts.js';
import { api } from '../api.js';
import { FieldError } from './FieldError.js';
import { GroupSelect, useGroupChoice } from './GroupSelect.js';
import { PreviewedChangeForm } from './PreviewedChangeForm.js';
import { SelectField } from './SelectField.js';
import { UserSearch } from './UserSearch.js';

interface Props {
  roles: AppRoleName[];
  onGranted: () => void;
}

const searchUsers = async (q: string) => (await api.searchUsers(q)).items.filter((u) => u.active);

export function GrantRoleForm({ roles, onGranted }: Props) {
  const [role, setRole] = useState(roles[0]);
  const [to, setTo] = useState<'user' | 'group'>('group');
  const [user, setUser] = useState<Person | null>(null);
  const groups = useGroupChoice();
  const subject =
    to === 'user' ? user && { userId: user.id } : groups.chosen !== null ? { groupId: groups.chosen } : null;
  const grant: AppRoleGrantInput | null = subject && { role, ...subject };

  return (
    <PreviewedChangeForm
      title="Grant an app role"
      change={grant}
      fields={['role', 'groupId', 'userId']}
      loadPreview={(change) => api.previewAppRole({ grant: change })}
      apply={api.grantAppRole}
      onApplied={onGranted}
      applyLabel="Grant role"
      applyClassName="button"
      loadError={groups.error}
    >
      {(errors) => (
        <>
          <div className="form-row">
            <SelectField
              label="Role"
              value={role}
              errors={errors}
              field="role"
              onChange={(value) => setRole(value as AppRoleName)}
              options={roles}
            />
            <SelectField label="Grant to" value={to} onChange={(value) => setTo(value as 'user' | 'group')}>
              <option value="group">Group</option>
              <option value="user">User</option>
            </SelectField>
            {to === 'group' && <GroupSelect choice={groups} errors={errors} />}
          </div>
          {to === 'user' && <UserSearch search={searchUsers} value={user?.id ?? null} onChange={setUser} />}
          <FieldError errors={errors} field="userId" />
        </>
      )}
    </PreviewedChangeForm>
  );
}
