import { useState } from 'react';
import { addGrant, previewGrant } from '../../api/project-permissions.js';
import type { GrantCreate } from '../../../../src/contracts.js';
import { PreviewedChangeForm } from '../PreviewedChangeForm.js';
import { SelectField } from '../SelectField.js';
import { PROJECT_PERMISSIONS, type ProjectPermission } from './labels.js';
import { SubjectFields, useSubjectChoice } from './SubjectChoice.js';

interface Props {
  projectKey: string;
  permission: ProjectPermission;
  onAdded: (grant: GrantCreate) => void;
}

/** Grants a project permission to a user, a group or a project role, after its preview (EXPL-3). */
export function AddGrantForm({ projectKey, permission: initial, onAdded }: Props) {
  const [permission, setPermission] = useState(initial);
  const choice = useSubjectChoice(projectKey, ['group', 'user', 'role']);
  const grant: GrantCreate | null = choice.subject && { permission, ...choice.subject };

  return (
    <PreviewedChangeForm
      title="Who gets which permission"
      change={grant}
      fields={['permission', 'userId', 'groupId', 'roleId']}
      loadPreview={(change) => previewGrant(projectKey, { grant: change })}
      apply={(change) => addGrant(projectKey, change)}
      onApplied={() => grant && onAdded(grant)}
      applyLabel="Grant"
      applyClassName="button"
      requirePreview
    >
      {(errors) => (
        <>
          <SelectField
            label="Permission"
            value={permission}
            errors={errors}
            field="permission"
            onChange={(value) => setPermission(value as ProjectPermission)}
            options={PROJECT_PERMISSIONS.map((p) => p.permission)}
          />
          <SubjectFields projectKey={projectKey} choice={choice} errors={errors} kindLabel="Grant to" />
        </>
      )}
    </PreviewedChangeForm>
  );
}
