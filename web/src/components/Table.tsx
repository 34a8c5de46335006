import type { ReactNode } from 'react';

/** A column header: its text, or its text hidden from sight (a column of buttons) and classes (`numeric`). */
export type Column = string | { label: string; hidden?: boolean; className?: string };

/** The last column of a table whose rows have buttons. */
export const ACTIONS: Column = { label: 'Actions', hidden: true };

interface Props {
  /** What names the table: a caption (read out, not shown unless `showCaption`), or the id of a heading above it. */
  caption?: ReactNode;
  showCaption?: boolean;
  labelledBy?: string;
  /** Classes besides `table`. */
  className?: string;
  /** `false` for a column not shown. */
  columns: readonly (Column | false)[];
  /** The rows. */
  children: ReactNode;
}

export function Table({ caption, showCaption = false, labelledBy, className, columns, children }: Props) {
  return (
    <table className={className ? `table ${className}` : 'table'} aria-labelledby={labelledBy}>
      {caption !== undefined && <caption className={showCaption ? undefined : 'visually-hidden'}>{caption}</caption>}
      <thead>
        <tr>
          {columns.map((column, index) => {
            if (column === false) return null;
            const { label, hidden, className: classes } = typeof column === 'string' ? { label: column } : column;
            return (
              <th scope="col" key={`${index}:${label}`} className={classes}>
                {hidden ? <span className="visually-hidden">{label}</span> : label}
              </th>
            );
          })}
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  );
}
