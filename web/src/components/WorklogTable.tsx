import { useState } from 'react';
import { api, errorText } from '../api.js';
import { formatDate } from '../dates.js';
import { formatDuration } from '../duration.js';
import { formatRate } from '../money.js';
import { href } from '../router.js';
import type { Worklog } from '../../../src/contracts.js';
import { ErrorMessage } from './ErrorMessage.js';
import { LogWorkDialog } from './LogWorkDialog.js';
import { ActionsHeader, RowButton } from './RowActions.js';

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
      <table className="table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Date</th>
            {showItem && <th scope="col">Item</th>}
            {showAuthor && <th scope="col">Author</th>}
            <th scope="col" className="numeric">
              Duration
            </th>
            <th scope="col">Description</th>
            {showsTeams && <th scope="col">Team</th>}
            {showsRates && (
              <th scope="col" className="numeric">
                Rate
              </th>
            )}
            {hasActions && <ActionsHeader />}
          </tr>
        </thead>
        <tbody>
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
                <td>
                  <div className="row-actions">
                    {worklog.abilities.canEdit && <RowButton onClick={() => setEditing(worklog)}>Edit</RowButton>}
                    {worklog.abilities.canDelete && (
                      <RowButton danger onClick={() => remove(worklog)}>
                        Delete
                      </RowButton>
                    )}
                  </div>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
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
