import type { Inbox } from '../../../../src/contracts.js';
import { approvalsApi } from '../../api/approvals.js';

/*
 * The inbox as the header badge and the inbox page share it. A navigation renders both, so their two loads in the same
 * moment are one request. "Last seen" is kept in this browser (localStorage), per user: the newest entry's time (the
 * server's clock) when the user last opened the inbox, so rejections after it count as new.
 */

let inFlight: Promise<Inbox> | null = null;

/** GET /api/inbox, shared with any load already under way. */
export function loadInbox(): Promise<Inbox> {
  inFlight ??= approvalsApi.inbox().finally(() => {
    inFlight = null;
  });
  return inFlight;
}

const SEEN_EVENT = 'timeward:inbox-seen';
const keyOf = (userId: number) => `timeward.inbox.lastSeen.${userId}`;

/** When the user last looked at their inbox (an ISO timestamp of the server), or null. */
export function lastSeen(userId: number): string | null {
  try {
    return window.localStorage.getItem(keyOf(userId));
  } catch {
    return null;
  }
}

/** Records that the user has seen everything up to `at`; the badge follows at once. */
export function markSeen(userId: number, at: string): void {
  const previous = lastSeen(userId);
  if (previous !== null && Date.parse(previous) >= Date.parse(at)) return;
  try {
    window.localStorage.setItem(keyOf(userId), at);
  } catch {
    // Storage may be off (private mode): the badge then counts every rejection, which is the safe side.
  }
  window.dispatchEvent(new Event(SEEN_EVENT));
}

export function onSeen(listener: () => void): () => void {
  window.addEventListener(SEEN_EVENT, listener);
  return () => window.removeEventListener(SEEN_EVENT, listener);
}

/** An entry newer than the last visit. */
export const isNew = (at: string, seen: string | null) => seen === null || Date.parse(at) > Date.parse(seen);

/** The rejections of the user's own timesheets since their last visit. */
export const unreadRejections = (inbox: Inbox, seen: string | null) =>
  inbox.items.filter((item) => item.kind === 'rejected' && isNew(item.at, seen)).length;
