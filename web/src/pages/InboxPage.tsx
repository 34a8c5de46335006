import { useEffect, useState } from 'react';
import { ErrorMessage } from '../components/ErrorMessage.js';
import { InboxList } from '../components/inbox/InboxList.js';
import { lastSeen, loadInbox, markSeen } from '../components/inbox/inboxStore.js';
import { href } from '../router.js';
import { useDocumentTitle } from '../useDocumentTitle.js';
import { useResource } from '../useResource.js';
import type { Me } from '../../../src/contracts.js';
import '../components/inbox/inbox.css';

/**
 * The inbox (issue 14, item 7): for approvers, how many timesheets wait for them; for owners, what was decided about
 * theirs — rejections with their comment, approvals, recall answers, reopenings. Opening it marks everything seen.
 */
export function InboxPage({ me }: { me: Me }) {
  useDocumentTitle('Inbox');
  const userId = me.user.id;
  const inbox = useResource(loadInbox, []);
  // The last visit before this one, kept for this page's "New" marks while the stored one moves on.
  const [seenBefore] = useState(() => lastSeen(userId));

  useEffect(() => {
    const newest = inbox.data?.items.map((item) => item.at).sort((a, b) => Date.parse(b) - Date.parse(a))[0];
    if (newest) markSeen(userId, newest);
  }, [inbox.data, userId]);

  const data = inbox.data;
  return (
    <section>
      <h1>Inbox</h1>
      <ErrorMessage error={inbox.error} />
      {inbox.loading && !data && <p className="muted">Loading…</p>}
      {data && data.waiting > 0 && (
        <div className="panel inbox-waiting">
          <p>
            <strong>
              {data.waiting === 1 ? '1 timesheet is' : `${data.waiting} timesheets are`} waiting for your approval.
            </strong>
          </p>
          {me.areas.includes('Timesheet Approval') && <a href={href.approvals()}>Open the approval queue</a>}
        </div>
      )}
      {data && data.items.length === 0 && data.waiting === 0 && (
        <p className="muted">Nothing here yet. Decisions about your timesheets will appear here.</p>
      )}
      {data && data.items.length > 0 && (
        <InboxList items={data.items} seenBefore={seenBefore} timesheetArea={me.areas.includes('Timesheet')} />
      )}
    </section>
  );
}
