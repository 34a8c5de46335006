import type { ScheduleDay } from '../../api/schedule.js';
import { isWeekend, secondsAsHours } from './model.js';

const dayName = new Intl.DateTimeFormat(undefined, {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  timeZone: 'UTC',
});
export const shortDay = (isoDate: string) => dayName.format(new Date(`${isoDate}T00:00:00Z`));

/** What a person's day holds, in words: planned and leave against capacity, the leave, the day off, overbooking. */
export function dayText(day: ScheduleDay): string {
  const used = secondsAsHours(day.plannedSeconds + day.leaveSeconds);
  const parts = [`${shortDay(day.date)}: ${used} of ${secondsAsHours(day.capacitySeconds)} h`];
  if (day.leave) parts.push(day.leave);
  if (day.off) parts.push(day.off);
  if (day.overbooked) parts.push('overbooked');
  return parts.join(', ');
}

interface Props {
  days: ScheduleDay[];
  dayWidth: number;
  /** Days zoom: the hours in each cell; weeks zoom: colours only (the words stay for screen readers and tooltips). */
  detailed: boolean;
  today: string;
}

/**
 * A person's utilisation a day (issue 16): shaded on days off (the holiday's name in the title), the leave labelled,
 * overbooked days red and saying so.
 */
export function DayCells({ days, dayWidth, detailed, today }: Props) {
  return (
    <div className="sch-days">
      {days.map((day) => {
        const text = dayText(day);
        const classes = ['sch-day'];
        if (isWeekend(day.date)) classes.push('weekend');
        if (day.off || day.capacitySeconds === 0) classes.push('off');
        if (day.leave) classes.push('leave');
        if (day.overbooked) classes.push('over');
        if (day.date === today) classes.push('today');
        const used = secondsAsHours(day.plannedSeconds + day.leaveSeconds);
        return (
          <div key={day.date} className={classes.join(' ')} style={{ width: dayWidth }} title={text}>
            <span className="visually-hidden">{text}</span>
            {detailed && (
              <span className="sch-load" aria-hidden="true">
                {day.leave ? (
                  <span className="sch-leave">{day.leave}</span>
                ) : day.capacitySeconds > 0 || used > 0 ? (
                  `${used}/${secondsAsHours(day.capacitySeconds)}`
                ) : null}
                {day.overbooked && <span className="sch-over-mark"> !</span>}
              </span>
            )}
          </div>
        );
      })}
    </div>
  );
}
