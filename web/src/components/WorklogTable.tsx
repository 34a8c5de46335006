import { useState } from 'react';
import { api, errorText } from '../api.js';
import { formatDate } from '../dates.js';
import { formatDuration } from '../duration.js';
import { formatRate } from '../money.js';
import { href } from '../router.js';
import type { Worklog } from '../../../src/contracts.js';
import { ErrorMessage } from './ErrorMessage.js';
import { LogWorkDialog } from './LogWorkDialog.js';
import { EditDeleteActions } from './RowActions.js';
import { ACTIONS, Table } from './Table.js';

interface Props {
  worklogs: Worklog[];
  caption: string;
  showItem?: boolean;
  showAuthor?: boolean;
  /** Called after a row was edited or deleted, so the owner can refetch. */
  onChanged: () => void;
}

/**
 * Work logs with Edit/Delete offered exactly where the API's abilities allow. The team and price list each was
 * recorded with show when any has one; the rate column only when the API sent rates (PRICE-7).
 */
export function WorklogTable({ worklogs, caption, showItem = false, showAuthor = false, onChanged }: Props) {
  const [editing, setEditing] = useState<Worklog | null>(null);
  const [error, setError] = useState<string | null>(null);
  const hasActions = worklogs.some((w) => w.abilities.canEdit || w.abilities.canDelete);
  const showsTeams = worklogs.some((w) => w.team !== null);
  const showsRates = worklogs.some((w) => w.rate !== undefined);

  async function remove(worklog: Worklog) {
    const label = `${formatDuration(worklog.durationSeconds)} on ${formatDate(worklog.startDate)}`;
    if (!window.confirm(`Delete the work log of ${label}?`)) return;
    setError(null);
    try {
      await api.deleteWorklog(worklog);
      onChanged();
    } catch (failure) {
      setError(errorText(failure));
    }
  }

  return (
    <>
      <ErrorMessage error={error} />
      <Table
        caption={caption}
        columns={[
          'Date',
          showItem && 'Item',
          showAuthor && 'Author',
          { label: 'Duration', className: 'numeric' },
          'Description',
          showsTeams && 'Team',
          showsRates && { label: 'Rate', className: 'numeric' },
          hasActions && ACTIONS,
        ]}
      >
        {worklogs.map((worklog) => (
          <tr key={worklog.id}>
            <td className="nowrap">
              <time dateTime={worklog.startDate}>{formatDate(worklog.startDate)}</time>
              {worklog.startTime && <span className="muted"> {worklog.startTime.slice(0, 5)}</span>}
            </td>
            {showItem && (
              <td>
                <a href={href.item(worklog.item.key)}>
                  <span className="key">{worklog.item.key}</span> {worklog.item.title}
                </a>
              </td>
            )}
            {showAuthor && <td>{worklog.author.displayName}</td>}
            <td className="numeric nowrap">{formatDuration(worklog.durationSeconds)}</td>
            <td className="description">{worklog.description}</td>
            {showsTeams && (
              <td>
                <div>{worklog.team?.name ?? <span className="muted">—</span>}</div>
                {worklog.priceList && <div className="muted">{worklog.priceList.name}</div>}
              </td>
            )}
            {showsRates && (
              <td className="numeric nowrap">
                {worklog.rate !== undefined && formatRate(worklog.rate, worklog.currency ?? '')}
              </td>
            )}
            {hasActions && (
              <EditDeleteActions
                abilities={worklog.abilities}
                onEdit={() => setEditing(worklog)}
                onDelete={() => remove(worklog)}
              />
            )}
          </tr>
        ))}
      </Table>
      {editing && (
        <LogWorkDialog
          itemKey={editing.item.key}
          worklog={editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            onChanged();
          }}
        />
      )}
    </>
  );
}
