import type { ReactNode } from 'react';

/** The last cell of a row: its buttons. */
export function RowActions({ children }: { children: ReactNode }) {
  return (
    <td>
      <div className="row-actions">{children}</div>
    </td>
  );
}

/** A row's Edit and Delete, each where the row's abilities allow; `what` names the row to screen readers. */
export function EditDeleteActions(props: {
  abilities: { canEdit: boolean; canDelete: boolean };
  what?: string;
  busy?: boolean;
  onEdit: () => void;
  onDelete: () => void;
}) {
  const { abilities, what, busy, onEdit, onDelete } = props;
  return (
    <RowActions>
      {abilities.canEdit && (
        <RowButton name={what && `Edit ${what}`} onClick={onEdit}>
          Edit
        </RowButton>
      )}
      {abilities.canDelete && (
        <RowButton danger name={what && `Delete ${what}`} disabled={busy} onClick={onDelete}>
          Delete
        </RowButton>
      )}
    </RowActions>
  );
}

interface Props {
  children: ReactNode;
  /** The accessible name when the text alone does not say which row it acts on. */
  name?: string;
  danger?: boolean;
  disabled?: boolean;
  onClick: () => void;
}

/** A small button acting on one table row. */
export function RowButton({ children, name, danger = false, disabled, onClick }: Props) {
  return (
    <button
      type="button"
      className={danger ? 'button small danger' : 'button small secondary'}
      aria-label={name}
      disabled={disabled}
      onClick={onClick}
    >
      {children}
    </button>
  );
}
