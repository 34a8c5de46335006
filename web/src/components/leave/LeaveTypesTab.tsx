import { useState } from 'react';
import type { LeaveType } from '../../../../src/contracts.js';
import { ApiError } from '../../api.js';
import { leaveApi } from '../../api/leave.js';
import type { FieldErrors } from '../../useFieldErrors.js';
import { useFormSubmit } from '../../useFormSubmit.js';
import { useResource } from '../../useResource.js';
import { Dialog } from '../Dialog.js';
import { ErrorMessage } from '../ErrorMessage.js';
import { FormButtons } from '../FormButtons.js';
import { RowActions, RowButton } from '../RowActions.js';
import { ACTIONS, Table } from '../Table.js';
import { TextField } from '../TextField.js';
import { allowanceText } from './labels.js';
import './leave.css';

const FIELDS = ['name', 'allowanceDays', 'archived', 'version'] as const;

/** The allowance as typed: empty is no allowance (null); else days a year in half days, refused at its field. */
function readAllowance(text: string): number | null {
  const trimmed = text.trim().replace(',', '.');
  if (trimmed === '') return null;
  const days = Number(trimmed);
  if (!Number.isFinite(days) || days < 0 || days > 366 || !Number.isInteger(days * 2))
    throw new ApiError(
      400,
      'invalid_input',
      'Write the days a year, in whole or half days (0 to 366).',
      'allowanceDays',
    );
  return days;
}

function AllowanceField(props: { value: string; onChange: (value: string) => void; errors: FieldErrors }) {
  return (
    <TextField
      label="Allowance in days a year (empty: no allowance)"
      inputMode="decimal"
      value={props.value}
      onChange={props.onChange}
      errors={props.errors}
      field="allowanceDays"
    />
  );
}

/**
 * Administration → Leave types (FLOW-4): each type's yearly allowance, or none (no balance, e.g. sick leave). An
 * archived type stays on its requests and is offered for no new one.
 */
export function LeaveTypesTab() {
  const types = useResource(() => leaveApi.types(), []);
  const [name, setName] = useState('');
  const [allowance, setAllowance] = useState('');
  const [editing, setEditing] = useState<LeaveType | null>(null);
  const { busy, fields, submit, run } = useFormSubmit(FIELDS, async () => {
    await leaveApi.createType({ name: name.trim(), allowanceDays: readAllowance(allowance) });
    setName('');
    setAllowance('');
    types.reload();
  });
  return (
    <>
      <h2>Leave types</h2>
      <form onSubmit={submit} className="form leave-types-form" aria-label="New leave type">
        <div className="form-row">
          <TextField
            label="Name"
            value={name}
            onChange={setName}
            required
            maxLength={200}
            errors={fields}
            field="name"
          />
          <AllowanceField value={allowance} onChange={setAllowance} errors={fields} />
        </div>
        <ErrorMessage error={fields.rest} />
        <div className="form-actions start">
          <button type="submit" className="button" disabled={busy}>
            Add leave type
          </button>
        </div>
      </form>
      <ErrorMessage error={types.error} />
      {types.data && types.data.items.length === 0 && <p className="muted">No leave types.</p>}
      {types.data && types.data.items.length > 0 && (
        <div className="table-scroll">
          <Table
            caption="Leave types"
            className="stacked-table leave-table"
            columns={['Name', 'Allowance', 'State', ACTIONS]}
          >
            {types.data.items.map((t) => (
              <tr key={t.id}>
                <td data-label="Name">{t.name}</td>
                <td data-label="Allowance">{allowanceText(t.allowanceDays)}</td>
                <td data-label="State">{t.archived ? <span className="badge">archived</span> : 'in use'}</td>
                <RowActions>
                  <RowButton name={`Edit ${t.name}`} onClick={() => setEditing(t)}>
                    Edit
                  </RowButton>
                  <RowButton
                    name={`${t.archived ? 'Unarchive' : 'Archive'} ${t.name}`}
                    disabled={busy}
                    onClick={() =>
                      void run(async () => {
                        await leaveApi.updateType(t, { archived: !t.archived });
                        types.reload();
                      })
                    }
                  >
                    {t.archived ? 'Unarchive' : 'Archive'}
                  </RowButton>
                </RowActions>
              </tr>
            ))}
          </Table>
        </div>
      )}
      {editing && (
        <LeaveTypeDialog
          type={editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            types.reload();
          }}
        />
      )}
    </>
  );
}

/** A type's name and allowance; the version read, so a type changed meanwhile answers 409 (API-4). */
function LeaveTypeDialog({ type, onClose, onSaved }: { type: LeaveType; onClose: () => void; onSaved: () => void }) {
  const [name, setName] = useState(type.name);
  const [allowance, setAllowance] = useState(type.allowanceDays === null ? '' : String(type.allowanceDays));
  const { busy, fields, submit } = useFormSubmit(FIELDS, async () => {
    await leaveApi.updateType(type, { name: name.trim(), allowanceDays: readAllowance(allowance) });
    onSaved();
  });
  return (
    <Dialog title={`Edit ${type.name}`} onClose={onClose}>
      <form onSubmit={submit} className="form">
        <TextField
          label="Name"
          value={name}
          onChange={setName}
          required
          autoFocus
          maxLength={200}
          errors={fields}
          field="name"
        />
        <AllowanceField value={allowance} onChange={setAllowance} errors={fields} />
        <p className="muted">A changed allowance counts for every year, the past ones too.</p>
        <ErrorMessage error={fields.rest} />
        <FormButtons onCancel={onClose} label="Save leave type" busyLabel="Saving…" busy={busy} />
      </form>
    </Dialog>
  );
}
