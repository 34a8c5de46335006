import { useState } from 'react';
import { leaveApi } from '../api/leave.js';
import { ErrorMessage } from '../components/ErrorMessage.js';
import { daysText, leaveDatesText } from '../components/leave/labels.js';
import { CalendarFeeds } from '../components/leave/CalendarFeeds.js';
import { LeaveBalances } from '../components/leave/LeaveBalances.js';
import { LeaveRequestForm } from '../components/leave/LeaveRequestForm.js';
import { MyLeaveTable } from '../components/leave/MyLeaveTable.js';
import '../components/leave/leave.css';
import { hashQuery, href, navigate, useHash } from '../router.js';
import { useDocumentTitle } from '../useDocumentTitle.js';
import { useResource } from '../useResource.js';

/** The year the address names (`#/leave?year=2030`), else this year. */
function yearOf(hash: string): number {
  const text = hashQuery(hash).get('year') ?? '';
  return /^\d{4}$/.test(text) ? Number(text) : new Date().getFullYear();
}

/**
 * My leave (FLOW-4, the Schedule area): my balances for a year, a request for leave, and my requests touching the
 * year with their state and the approver's comment. The address keeps the year, so a reload stays on it.
 */
export function LeavePage() {
  useDocumentTitle('Leave');
  const year = yearOf(useHash());
  const mine = useResource(() => leaveApi.mine(year), [year]);
  const [status, setStatus] = useState('');
  const showYear = (y: number) => navigate(href.leave({ year: String(y) }));
  const data = mine.data;
  return (
    <section>
      <h1>Leave</h1>
      <h2 id="leave-request-heading">Request leave</h2>
      {data && (
        <LeaveRequestForm
          types={data.types}
          onRequested={(leave) => {
            setStatus(
              `Requested ${daysText(leave.days)} of ${leave.type.name}, ${leaveDatesText(leave)}: waiting for approval.`,
            );
            const requestedYear = Number(leave.startDate.slice(0, 4));
            if (requestedYear === year) mine.reload();
            else showYear(requestedYear);
          }}
        />
      )}
      <p className="leave-status" role="status">
        {status}
      </p>
      <div className="leave-year" role="group" aria-label="Year">
        <button type="button" className="button secondary" onClick={() => showYear(year - 1)}>
          <span className="visually-hidden">Show </span>
          {year - 1}
        </button>
        <strong aria-live="polite">{year}</strong>
        <button type="button" className="button secondary" onClick={() => showYear(year + 1)}>
          <span className="visually-hidden">Show </span>
          {year + 1}
        </button>
      </div>
      <ErrorMessage error={mine.error} />
      {data && (
        <>
          <h2 id="leave-balances-heading">My balances in {data.year}, in days</h2>
          <LeaveBalances balances={data.balances} />
          <h2 id="my-leave-heading">My requests in {data.year}</h2>
          <MyLeaveTable
            year={data.year}
            items={data.items}
            onChanged={(message) => {
              setStatus(message);
              mine.reload();
            }}
          />
          <CalendarFeeds />
        </>
      )}
      {!data && mine.loading && <p className="muted">Loading…</p>}
    </section>
  );
}
