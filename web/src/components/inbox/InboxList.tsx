import type { InboxItem } from '../../../../src/contracts.js';
import { formatDateTime } from '../../dates.js';
import { href } from '../../router.js';
import { approvalsHref } from '../approvals/filters.js';
import { periodLabel, teamLabel } from '../approvals/labels.js';
import { isNew } from './inboxStore.js';

const KIND_LABELS: Record<InboxItem['kind'], string> = {
  rejected: 'Rejected',
  approved: 'Approved',
  recall_granted: 'Recall granted',
  recall_refused: 'Recall refused',
  reopened: 'Reopened',
  waiting: 'Waiting for your approval',
};

interface Props {
  items: InboxItem[];
  /** The last visit before this one: newer rejections are marked new. */
  seenBefore: string | null;
  /** Whether the Timesheet area is open, for links to the user's own timesheet. */
  timesheetArea: boolean;
}

/** The inbox's entries, newest first: decisions about the user's timesheets, and timesheets waiting for them. */
export function InboxList({ items, seenBefore, timesheetArea }: Props) {
  return (
    <ol className="inbox-list" aria-label="Inbox, newest first">
      {items.map((item, i) => {
        const fresh = item.kind === 'rejected' && isNew(item.at, seenBefore);
        const period = `${periodLabel(item.slice)} · ${teamLabel(item.slice.team)}`;
        const link =
          item.kind === 'waiting'
            ? approvalsHref({ slice: item.slice.id })
            : timesheetArea
              ? href.timesheet({ date: item.slice.start })
              : null;
        return (
          <li key={`${item.kind}-${item.slice.id}-${item.at}-${i}`} className={`panel inbox-entry kind-${item.kind}`}>
            <p className="inbox-title">
              {fresh && <span className="badge inbox-new">New</span>} <strong>{KIND_LABELS[item.kind]}</strong>
              {item.kind === 'waiting' ? ': ' : ': your timesheet '}
              {link ? <a href={link}>{period}</a> : period}
            </p>
            <p className="muted inbox-meta">
              {item.actor ? `${item.actor.displayName}, ` : ''}
              {formatDateTime(item.at)}
            </p>
            {item.comment !== '' && <blockquote className="inbox-comment">{item.comment}</blockquote>}
          </li>
        );
      })}
    </ol>
  );
}
