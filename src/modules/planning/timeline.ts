import { dayOf, type Calendar } from '../calendars/calendar.js';
import type { PlanRow } from './repo.js';
import type { ScheduleRow } from './schema.js';

type Day = ScheduleRow['days'][number];

/**
 * A person's days on the timeline (FLOW-5, issue 16), pure: each day's capacity on their calendar (schedule, holidays,
 * company days off), the hours planned — on working days only; out of office takes the whole day — and approved leave
 * (its label as the reader may read it, FLOW-4). Overbooked: planned and leave above capacity. Plans on items the
 * reader may not view count too, as hours without identity (ITEM-9).
 */
export function daysOfPerson(
  calendar: Calendar,
  days: readonly string[],
  plans: readonly PlanRow[],
  leaveLabel: (requestId: number) => string,
): { days: Day[]; utilisation: number } {
  let capacity = 0;
  let used = 0;
  const out = days.map((date): Day => {
    const base = dayOf({ ...calendar, leave: undefined }, date);
    const taken = dayOf(calendar, date);
    const leaveSeconds = base.seconds - taken.seconds;
    let plannedSeconds = 0;
    if (base.seconds > 0)
      for (const plan of plans)
        if (plan.start_date <= date && date <= plan.end_date)
          plannedSeconds += plan.kind === 'out_of_office' ? base.seconds : plan.seconds_per_day;
    capacity += base.seconds;
    used += plannedSeconds + leaveSeconds;
    return {
      date,
      capacitySeconds: base.seconds,
      plannedSeconds,
      leaveSeconds,
      leave: taken.leave ? leaveLabel(taken.leave.requestId) : null,
      off: base.off?.name ?? null,
      overbooked: plannedSeconds > 0 && plannedSeconds + leaveSeconds > base.seconds,
    };
  });
  return { days: out, utilisation: capacity === 0 ? 0 : Math.round((used * 100) / capacity) };
}

/** Working days in the range on the calendar (before leave), for a total spread over them. */
export const workingDays = (calendar: Calendar, days: readonly string[]) =>
  days.filter((date) => dayOf({ ...calendar, leave: undefined }, date).seconds > 0).length;
