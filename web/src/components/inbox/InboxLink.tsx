import { useEffect, useState } from 'react';
import type { Inbox } from '../../../../src/contracts.js';
import { href } from '../../router.js';
import { useLatestRequest } from '../../useLatestRequest.js';
import { lastSeen, loadInbox, onSeen, unreadRejections } from './inboxStore.js';
import './inbox.css';

interface Props {
  userId: number;
  /** The address: the inbox is loaded again at each navigation, never on a timer. */
  hash: string;
  current: boolean;
}

/**
 * The header's "Inbox" link and its count: timesheets waiting for the caller's approval, plus rejections of their own
 * timesheets since they last opened the inbox. No count when the inbox cannot be loaded: the link still works.
 */
export function InboxLink({ userId, hash, current }: Props) {
  const [inbox, setInbox] = useState<Inbox | null>(null);
  const [seen, setSeen] = useState(() => lastSeen(userId));
  const start = useLatestRequest();

  useEffect(() => start(loadInbox(), setInbox, () => setInbox(null)), [hash]);
  useEffect(() => {
    setSeen(lastSeen(userId));
    return onSeen(() => setSeen(lastSeen(userId)));
  }, [userId]);

  const waiting = inbox?.waiting ?? 0;
  const rejected = inbox ? unreadRejections(inbox, seen) : 0;
  const parts = [
    waiting > 0 && `${waiting} waiting for your approval`,
    rejected > 0 && `${rejected} new ${rejected === 1 ? 'rejection' : 'rejections'}`,
  ].filter(Boolean);
  return (
    <a
      href={href.inbox()}
      aria-current={current ? 'page' : undefined}
      aria-label={parts.length ? `Inbox, ${parts.join(', ')}` : undefined}
    >
      Inbox
      {waiting + rejected > 0 && (
        <span className="inbox-count" aria-hidden="true">
          {waiting + rejected}
        </span>
      )}
    </a>
  );
}
