import { useEffect, useRef, useState } from 'react';
import { listPeriods } from '../../api/periods.js';
import type { TeamPeriod } from '../../../../src/contracts.js';
import { formatDateTime } from '../../dates.js';
import { useResource } from '../../useResource.js';
import { ErrorMessage } from '../ErrorMessage.js';
import { RowButton } from '../RowActions.js';
import { ACTIONS, Table } from '../Table.js';
import { STATE_LABELS, monthName } from './labels.js';
import { PeriodChangeDialog } from './PeriodChangeDialog.js';
import { PeriodHistoryDialog } from './PeriodHistoryDialog.js';
import './periods.css';

type Open = { kind: 'change'; period: TeamPeriod } | { kind: 'history'; start: string } | null;

/**
 * A team's months of a year (FLOW-3): each open or closed, who changed it last, Close or Reopen where the server's
 * `abilities.manage` allows (with a confirmation and an optional comment), and each month's history (FLOW-7).
 */
export function PeriodsSection({ teamId, teamName }: { teamId: number; teamName: string }) {
  const [year, setYear] = useState<number | null>(null);
  const periods = useResource(() => listPeriods(teamId, year), [teamId, year]);
  const [open, setOpen] = useState<Open>(null);
  // The row button a dialog was opened from gets the focus back when it closes (the same button after a change).
  const opener = useRef<HTMLElement | null>(null);
  const show = (dialog: Open) => {
    opener.current = document.activeElement as HTMLElement | null;
    setOpen(dialog);
  };
  useEffect(() => {
    if (open === null) opener.current?.focus();
  }, [open]);
  const shown = periods.data?.year ?? year;
  const manage = periods.data?.abilities.manage ?? false;

  return (
    <div className="periods">
      <p className="muted">While a month is closed, nobody can log, change or delete work of this team dated in it.</p>
      {shown !== null && (
        <div className="period-years" role="group" aria-label="Year">
          <button
            type="button"
            className="button small secondary"
            aria-label={`Show ${shown - 1}`}
            onClick={() => setYear(shown - 1)}
          >
            <span aria-hidden="true">‹ </span>
            {shown - 1}
          </button>
          <strong aria-live="polite">{shown}</strong>
          <button
            type="button"
            className="button small secondary"
            aria-label={`Show ${shown + 1}`}
            onClick={() => setYear(shown + 1)}
          >
            {shown + 1}
            <span aria-hidden="true"> ›</span>
          </button>
        </div>
      )}
      <ErrorMessage error={periods.error} />
      {periods.data && (
        <Table
          className="compact stacked-table period-table"
          caption={`Periods of ${teamName} in ${periods.data.year}`}
          columns={['Month', 'State', 'Last change', ACTIONS]}
        >
          {periods.data.items.map((period) => {
            const month = monthName(period.start);
            return (
              <tr key={period.start}>
                <th scope="row">{month}</th>
                <td>
                  <span className={`badge period-${period.state}`}>{STATE_LABELS[period.state] ?? period.state}</span>
                </td>
                <td className="muted">
                  {period.updatedAt
                    ? `${formatDateTime(period.updatedAt)}${period.updatedBy ? ` by ${period.updatedBy.displayName}` : ''}`
                    : 'Never closed'}
                </td>
                <td>
                  <div className="row-actions">
                    {manage && (
                      <RowButton
                        name={`${period.state === 'open' ? 'Close' : 'Reopen'} ${month}`}
                        onClick={() => show({ kind: 'change', period })}
                      >
                        {period.state === 'open' ? 'Close…' : 'Reopen…'}
                      </RowButton>
                    )}
                    {period.updatedAt && (
                      <RowButton
                        name={`History of ${month}`}
                        onClick={() => show({ kind: 'history', start: period.start })}
                      >
                        History
                      </RowButton>
                    )}
                  </div>
                </td>
              </tr>
            );
          })}
        </Table>
      )}
      {open?.kind === 'change' && (
        <PeriodChangeDialog
          teamId={teamId}
          teamName={teamName}
          period={open.period}
          onClose={() => setOpen(null)}
          onStale={periods.reload}
          onChanged={() => {
            setOpen(null);
            periods.reload();
          }}
        />
      )}
      {open?.kind === 'history' && (
        <PeriodHistoryDialog teamId={teamId} teamName={teamName} start={open.start} onClose={() => setOpen(null)} />
      )}
    </div>
  );
}
