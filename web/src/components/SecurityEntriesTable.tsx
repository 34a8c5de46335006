import type { Access, SecurityEntry, SubjectKind } from '../../../src/contracts.js';
import { RowButton } from './RowActions.js';
import { ACTIONS, Table } from './Table.js';

export const SUBJECT_KIND_LABELS: Record<SubjectKind, string> = {
  user: 'User',
  group: 'Group',
  role: 'Project role',
  team: 'Team',
};
const ACCESS_VALUES: Access[] = ['allow', 'deny', 'unset'];

interface Props {
  entries: SecurityEntry[];
  /** Absent for a setting shown read-only (inherited from an ancestor). */
  onChange?: (entries: SecurityEntry[]) => void;
}

/** The entries of an item security setting: who, and allow / deny / unset for view and for edit (ITEM-1). */
export function SecurityEntriesTable({ entries, onChange }: Props) {
  if (entries.length === 0) return <p className="muted">No entries.</p>;

  function update(index: number, change: Partial<SecurityEntry>) {
    onChange?.(entries.map((entry, i) => (i === index ? { ...entry, ...change } : entry)));
  }

  return (
    <Table
      className="compact security-entries"
      caption="Security entries"
      columns={['Subject', 'View', 'Edit', !!onChange && ACTIONS]}
    >
      {entries.map((entry, index) => {
        const who = `${SUBJECT_KIND_LABELS[entry.kind].toLowerCase()} ${entry.subject.name}`;
        return (
          <tr key={`${entry.kind}:${entry.subject.id}`}>
            <td>
              <span className="subject-kind">{SUBJECT_KIND_LABELS[entry.kind]}</span> {entry.subject.name}
            </td>
            {(['view', 'edit'] as const).map((field) => (
              <td key={field}>
                {onChange ? (
                  <select
                    aria-label={`${field === 'view' ? 'View' : 'Edit'} for ${who}`}
                    className={`access-${entry[field]}`}
                    value={entry[field]}
                    onChange={(e) => update(index, { [field]: e.target.value as Access })}
                  >
                    {ACCESS_VALUES.map((value) => (
                      <option key={value} value={value}>
                        {value}
                      </option>
                    ))}
                  </select>
                ) : (
                  <span className={`access-${entry[field]}`}>{entry[field]}</span>
                )}
              </td>
            ))}
            {onChange && (
              <td>
                <RowButton
                  danger
                  name={`Remove ${who}`}
                  onClick={() => onChange(entries.filter((_, i) => i !== index))}
                >
                  Remove
                </RowButton>
              </td>
            )}
          </tr>
        );
      })}
    </Table>
  );
}
