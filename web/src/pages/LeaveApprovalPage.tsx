import { useState } from 'react';
import { leaveApi, type LeaveQueueState } from '../api/leave.js';
import { LeaveActions } from '../components/leave/LeaveActions.js';
import { leaveDatesText } from '../components/leave/labels.js';
import '../components/leave/leave.css';
import { PagedList } from '../components/PagedList.js';
import { TabList } from '../components/TabList.js';
import { Table } from '../components/Table.js';
import { hashQuery, href, navigate, useHash } from '../router.js';
import { useCursorList } from '../useCursorList.js';
import { useDocumentTitle } from '../useDocumentTitle.js';

const TABS: { id: LeaveQueueState; label: string }[] = [
  { id: 'pending', label: 'Pending' },
  { id: 'approved', label: 'Approved' },
];

/**
 * The Leave Approval area (FLOW-4, APP-2): the requests routed to me — waiting for a decision, or approved (an approval
 * may be revoked). Each row offers what the server says I may do to it. The address keeps the list shown.
 */
export function LeaveApprovalPage() {
  useDocumentTitle('Leave approval');
  const state: LeaveQueueState = hashQuery(useHash()).get('state') === 'approved' ? 'approved' : 'pending';
  const list = useCursorList((cursor) => leaveApi.queue(state, cursor), [state]);
  const [status, setStatus] = useState('');
  return (
    <section>
      <h1>Leave approval</h1>
      <TabList
        label="Leave requests"
        idPrefix="leave-approval-"
        tabs={TABS}
        active={state}
        onSelect={(id) => {
          setStatus('');
          navigate(href.leaveApproval(id === 'pending' ? {} : { state: id }));
        }}
      />
      <div
        role="tabpanel"
        id={`leave-approval-panel-${state}`}
        aria-labelledby={`leave-approval-tab-${state}`}
        className="tab-panel"
      >
        <p className="leave-status" role="status">
          {status}
        </p>
        <PagedList
          list={list}
          empty={state === 'pending' ? 'No leave requests wait for your decision.' : 'No approved leave requests.'}
        >
          {(items) => (
            <div className="table-scroll">
              <Table
                caption={state === 'pending' ? 'Leave requests waiting for a decision' : 'Approved leave requests'}
                className="stacked-table leave-table"
                columns={[
                  'Person',
                  'Type',
                  'Dates',
                  { label: 'Days', className: 'numeric' },
                  'Comment',
                  { label: 'Actions', hidden: true },
                ]}
              >
                {items.map((l) => (
                  <tr key={l.id}>
                    <td data-label="Person">{l.user.displayName}</td>
                    <td data-label="Type">{l.type.name}</td>
                    <td data-label="Dates">{leaveDatesText(l)}</td>
                    <td data-label="Days" className="numeric">
                      {l.days}
                    </td>
                    <td data-label="Comment" className="leave-comment">
                      {l.comment}
                    </td>
                    <LeaveActions
                      leave={l}
                      onDone={(message) => {
                        setStatus(message);
                        list.reload();
                      }}
                    />
                  </tr>
                ))}
              </Table>
            </div>
          )}
        </PagedList>
      </div>
    </section>
  );
}
