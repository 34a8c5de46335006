import type { TimesheetGrid } from '../../../../src/contracts.js';
import { dayClass, dayLabel } from './gridModel.js';

/** The column headers: the item column, each day (with its locks: closed team periods, locked slices) and the total. */
export function DayHeaders({ days, todayIso }: { days: TimesheetGrid['days']; todayIso: string }) {
  return (
    <thead>
      <tr role="row">
        <th role="columnheader" scope="col" className="ts-item">
          Work item
        </th>
        {days.map((day) => {
          const label = dayLabel(day.date);
          const locks = day.locks.map((lock) => lock.message).join(' ');
          return (
            <th
              role="columnheader"
              scope="col"
              key={day.date}
              className={dayClass('ts-day', day.date, todayIso)}
              title={locks || undefined}
              aria-current={day.date === todayIso ? 'date' : undefined}
            >
              <span className="ts-weekday">{label.weekday}</span> <span className="ts-date">{label.date}</span>
              {locks && (
                <span className="ts-lock">
                  Locked<span className="visually-hidden">: {locks}</span>
                </span>
              )}
            </th>
          );
        })}
        <th role="columnheader" scope="col" className="ts-total">
          Total
        </th>
      </tr>
    </thead>
  );
}
