import ical, { type ICalCalendar } from 'ical-generator';
import { addDays } from '../../lib/periods.js';
import type { PlanRow } from '../planning/repo.js';
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
  plans: readonly PlanRow[] = [],
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
  for (const p of plans)
    calendar.createEvent({
      id: `plan-${p.id}@timeward`,
      start: new Date(`${p.start_date}T00:00:00Z`),
      end: new Date(`${addDays(p.end_date, 1)}T00:00:00Z`),
      allDay: true,
      summary: `${withNames ? `${p.user_name ?? 'To be staffed'}: ` : ''}${planLabel(p)}${p.tentative ? ' (tentative)' : ''}`,
      description: p.kind === 'out_of_office' ? undefined : `${p.seconds_per_day / 3600} h a working day`,
      status: p.tentative ? 'TENTATIVE' : 'CONFIRMED',
    } as Parameters<ICalCalendar['createEvent']>[0]);
  return calendar;
}

/**
 * A plan's name in a feed (FLOW-5): an event's kind, a task's title or work item — "Busy" on an item the feed's owner
 * may not view (ITEM-9). A client never shows in a feed: the address travels outside the product.
 */
function planLabel(p: PlanRow): string {
  if (p.kind === 'out_of_office') return 'Out of office';
  const name = p.viewable ? [p.item_key, p.title || p.item_title].filter(Boolean).join(' ') : 'Busy';
  return p.kind === 'meeting' ? `Meeting: ${name}` : name;
}
