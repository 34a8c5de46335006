import ical, { type ICalCalendar } from 'ical-generator';
import { addDays } from '../../lib/periods.js';
import type { FeedLeaveRow, FeedRow } from './repo.js';
import type { FeedOut } from './schema.js';

export const feedOut = (row: FeedRow): FeedOut => ({
  id: row.id,
  team: row.team_id === null ? null : { id: row.team_id, name: row.team_name ?? '' },
  createdAt: row.created_at.toISOString(),
  revokedAt: row.revoked_at?.toISOString() ?? null,
});

/**
 * A feed as iCal: one all-day event per request (its last day inclusive), named by the label the caller decided —
 * the type for who may know it, "absent" for everyone else (FLOW-4) — and the person on a team's feed; a pending
 * request is tentative, a half day says so.
 */
export function feedCalendar(
  name: string,
  leave: readonly FeedLeaveRow[],
  labels: ReadonlyMap<number, string>,
  withNames: boolean,
): ICalCalendar {
  const calendar = ical({ name, prodId: { company: 'Timeward', product: 'Timeward', language: 'EN' } });
  for (const l of leave) {
    const label = labels.get(l.id)!;
    const half = l.start_half || l.end_half ? ', half day' : '';
    calendar.createEvent({
      id: `leave-${l.id}@timeward`,
      start: new Date(`${l.start_date}T00:00:00Z`),
      end: new Date(`${addDays(l.end_date, 1)}T00:00:00Z`),
      allDay: true,
      summary: `${withNames ? `${l.user_name}: ` : ''}${label}${half}${l.state === 'pending' ? ' (pending)' : ''}`,
      status: l.state === 'pending' ? 'TENTATIVE' : 'CONFIRMED',
    } as Parameters<ICalCalendar['createEvent']>[0]);
  }
  return calendar;
}
