import { useState } from 'react';
import { TEAM_PERMISSIONS } from '../labels.js';
import type { TeamPermission, TeamRole, TeamRoleInput } from '../../../src/contracts.js';
import { useFormSubmit } from '../useFormSubmit.js';
import { ErrorMessage } from './ErrorMessage.js';
import { TextField } from './TextField.js';

interface Props {
  title: string;
  /** The role being changed; absent for a new one. */
  role?: TeamRole;
  submitLabel: string;
  /** The permissions the caller may give in this team, from the team's abilities (the grant boundary). */
  grantable: readonly TeamPermission[];
  save: (input: TeamRoleInput) => Promise<void>;
  onCancel?: () => void;
}

/** A custom team role: its name and permission levels (TEAM-2, TEAM-3). */
export function RoleForm({ title, role, submitLabel, grantable, save, onCancel }: Props) {
  const initial: TeamPermission[] =
    role?.permissions ?? (grantable.includes('WORK_ON_ISSUES') ? ['WORK_ON_ISSUES'] : []);
  const [name, setName] = useState(role?.name ?? '');
  const [permissions, setPermissions] = useState(initial);
  // Keeping or removing what the role already has gives nothing; adding needs the permission to be grantable.
  const offered = (permission: TeamPermission) =>
    grantable.includes(permission) || (role?.permissions.includes(permission) ?? false);
  const withheld = TEAM_PERMISSIONS.some(({ permission }) => !offered(permission));

  const { busy, fields, submit } = useFormSubmit(['name'], async () => {
    // In the server's order, so an unchanged set compares equal.
    await save({
      name: name.trim(),
      permissions: TEAM_PERMISSIONS.map((p) => p.permission).filter((p) => permissions.includes(p)),
    });
    if (!role) {
      setName('');
      setPermissions(initial);
    }
  });

  return (
    <form onSubmit={submit} className="form panel" aria-label={title}>
      <h3>{title}</h3>
      <TextField label="Role name" value={name} onChange={setName} required errors={fields} field="name" />
      <fieldset>
        <legend>Permissions</legend>
        {TEAM_PERMISSIONS.map(({ permission, label }) => (
          <label key={permission} className="checkbox">
            <input
              type="checkbox"
              checked={permissions.includes(permission)}
              disabled={!offered(permission)}
              onChange={(e) =>
                setPermissions(
                  e.target.checked ? [...permissions, permission] : permissions.filter((p) => p !== permission),
                )
              }
            />
            <code>{permission}</code> <span className="muted">{label}</span>
          </label>
        ))}
        {withheld && <p className="muted">You can give only the permissions you hold in this team.</p>}
      </fieldset>
      <ErrorMessage error={fields.rest} />
      <div className="form-actions start">
        <button type="submit" className="button" disabled={busy || permissions.length === 0}>
          {submitLabel}
        </button>
        {onCancel && (
          <button type="button" className="button secondary" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}
