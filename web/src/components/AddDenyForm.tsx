import { useState } from 'react';
import type { DenyCatalogueEntry, DenyPermission } from '../../../src/contracts.js';
import { api } from '../api.js';
import { GroupSelect, useGroupChoice } from './GroupSelect.js';
import { PreviewedChangeForm } from './PreviewedChangeForm.js';
import { SelectField } from './SelectField.js';

interface Props {
  catalogue: DenyCatalogueEntry[];
  onAdded: () => void;
}

export function AddDenyForm({ catalogue, onAdded }: Props) {
  const [permission, setPermission] = useState<DenyPermission | null>(null);
  const groups = useGroupChoice();
  const chosen = permission ?? catalogue[0]?.permission;
  const change = chosen && groups.chosen !== null ? { permission: chosen, groupId: groups.chosen } : null;

  return (
    <PreviewedChangeForm
      title="Deny a permission to a group"
      change={change}
      fields={['permission', 'groupId']}
      loadPreview={(add) => api.previewDeny({ add })}
      apply={api.addDeny}
      onApplied={onAdded}
      applyLabel="Add DENY"
      applyClassName="button danger-solid"
      loadError={groups.error}
    >
      {(errors) => (
        <div className="form-row">
          <SelectField
            label="Permission to deny"
            value={chosen ?? ''}
            errors={errors}
            field="permission"
            onChange={(value) => setPermission(value as DenyPermission)}
            options={catalogue.map((entry) => entry.permission)}
          />
          <GroupSelect choice={groups} errors={errors} />
        </div>
      )}
    </PreviewedChangeForm>
  );
}
