import { useState } from 'react';
import { addRoleMember, previewRoleMember } from '../../api/project-permissions.js';
import type { Named, RoleMemberCreate } from '../../../../src/contracts.js';
import { PreviewedChangeForm } from '../PreviewedChangeForm.js';
import { SelectField } from '../SelectField.js';
import { SubjectFields, useSubjectChoice } from './SubjectChoice.js';

interface Props {
  projectKey: string;
  roles: Named[];
  roleId: number;
  onAdded: () => void;
}

/** Gives a user or a group one of the installation's project roles in this project, after its preview (EXPL-3). */
export function AddRoleMemberForm({ projectKey, roles, roleId: initial, onAdded }: Props) {
  const [roleId, setRoleId] = useState(initial);
  const choice = useSubjectChoice(projectKey, ['group', 'user']);
  const member = choice.subject && !('roleId' in choice.subject) ? { roleId, ...choice.subject } : null;

  return (
    <PreviewedChangeForm<RoleMemberCreate>
      title="Who gets which role"
      change={member}
      fields={['roleId', 'userId', 'groupId']}
      loadPreview={(change) => previewRoleMember(projectKey, { add: change })}
      apply={(change) => addRoleMember(projectKey, change)}
      onApplied={onAdded}
      applyLabel="Add member"
      applyClassName="button"
      requirePreview
    >
      {(errors) => (
        <>
          <SelectField
            label="Project role"
            value={roleId}
            errors={errors}
            field="roleId"
            onChange={(value) => setRoleId(Number(value))}
          >
            {roles.map((role) => (
              <option key={role.id} value={role.id}>
                {role.name}
              </option>
            ))}
          </SelectField>
          <SubjectFields projectKey={projectKey} choice={choice} errors={errors} kindLabel="Member" />
        </>
      )}
    </PreviewedChangeForm>
  );
}
