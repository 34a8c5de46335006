import { useState, type FormEvent } from 'react';
import { api } from '../api.js';
import type { DenyCatalogueEntry, DenyPermission, Group, Preview } from '../../../src/contracts.js';
import { ChangePreview } from './ChangePreview.js';
import { ErrorMessage } from './ErrorMessage.js';
import { SelectField } from './SelectField.js';
import { useAction } from '../useAction.js';
import { useFieldErrors } from '../useFieldErrors.js';

interface Props {
  catalogue: DenyCatalogueEntry[];
  groups: Group[];
  groupsError: unknown;
  onAdded: () => void;
}

export function AddDenyForm({ catalogue, groups, groupsError, onAdded }: Props) {
  const [permission, setPermission] = useState<DenyPermission | ''>('');
  const [groupId, setGroupId] = useState<number | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const { busy, error, run } = useAction();
  const fields = useFieldErrors(error, ['permission', 'groupId']);
  const chosenPermission = permission || catalogue[0]?.permission;
  const chosenGroup = groupId ?? groups[0]?.id ?? null;
  const change =
    chosenGroup === null || !chosenPermission ? null : { permission: chosenPermission, groupId: chosenGroup };

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!change) return;
    void run(async () => {
      await api.addDeny(change);
      setPreview(null);
      onAdded();
    });
  }

  return (
    <form onSubmit={submit} className="form panel" aria-labelledby="add-deny-title">
      <h3 id="add-deny-title">Deny a permission to a group</h3>
      <div className="form-row">
        <SelectField
          label="Permission to deny"
          value={chosenPermission ?? ''}
          errors={fields}
          field="permission"
          onChange={(value) => {
            setPermission(value as DenyPermission);
            setPreview(null);
          }}
        >
          {catalogue.map((entry) => (
            <option key={entry.permission} value={entry.permission}>
              {entry.permission}
            </option>
          ))}
        </SelectField>
        <SelectField
          label="Group"
          value={chosenGroup ?? ''}
          errors={fields}
          field="groupId"
          onChange={(id) => {
            setGroupId(Number(id));
            setPreview(null);
          }}
        >
          {groups.map((group) => (
            <option key={group.id} value={group.id}>
              {group.name}
            </option>
          ))}
        </SelectField>
      </div>
      <ErrorMessage error={groupsError ?? fields.rest} />
      <div className="form-actions start">
        <button
          type="button"
          className="button secondary"
          disabled={busy || !change}
          onClick={() => change && run(async () => setPreview(await api.previewDeny({ add: change })))}
        >
          Preview
        </button>
        <button type="submit" className="button danger-solid" disabled={busy || !change}>
          Add DENY
        </button>
      </div>
      {preview && <ChangePreview preview={preview} />}
    </form>
  );
}
