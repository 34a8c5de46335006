import { useState } from 'react';
import type { Group } from '../../../../src/contracts.js';
import { usersApi } from '../../api/users.js';
import { useFormSubmit } from '../../useFormSubmit.js';
import { Dialog } from '../Dialog.js';
import { ErrorMessage } from '../ErrorMessage.js';
import { FormButtons } from '../FormButtons.js';
import { TextField } from '../TextField.js';

interface Props {
  group: Group;
  onClose: () => void;
  onRenamed: () => void;
}

/** Renames a group (ID-2) at the version shown; a name another group has is refused (409). */
export function RenameGroupDialog({ group, onClose, onRenamed }: Props) {
  const [name, setName] = useState(group.name);
  const { busy, fields, submit } = useFormSubmit(['name'], async () => {
    await usersApi.renameGroup(group, name.trim());
    onRenamed();
  });

  return (
    <Dialog title={`Rename group ${group.name}`} onClose={onClose}>
      <form onSubmit={submit} className="form">
        <TextField
          label="New name"
          value={name}
          onChange={setName}
          required
          autoFocus
          maxLength={200}
          errors={fields}
          field="name"
        />
        <ErrorMessage error={fields.rest} />
        <FormButtons
          onCancel={onClose}
          label="Rename"
          busyLabel="Renaming…"
          busy={busy}
          disabled={name.trim() === '' || name.trim() === group.name}
        />
      </form>
    </Dialog>
  );
}
