import type { ReactNode } from 'react';

/** The header of a table's last column, which holds each row's buttons. */
export function ActionsHeader() {
  return (
    <th scope="col">
      <span className="visually-hidden">Actions</span>
    </th>
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
