import { addDays, isWeekend, type Zoom } from './model.js';

const dayLabel = new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric', timeZone: 'UTC' });
const weekLabel = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', timeZone: 'UTC' });
const utc = (isoDate: string) => new Date(`${isoDate}T00:00:00Z`);

interface Props {
  days: string[];
  zoom: Zoom;
  dayWidth: number;
  today: string;
}

/** The columns' heads: each day ("Mon 3"), or each week by its Monday ("Jun 3"). */
export function TimelineHeader({ days, zoom, dayWidth, today }: Props) {
  const columns =
    zoom === 'days'
      ? days.map((day) => ({ key: day, label: dayLabel.format(utc(day)), span: 1, weekend: isWeekend(day) }))
      : days
          .filter((_, i) => i % 7 === 0)
          .map((day) => ({ key: day, label: `Week of ${weekLabel.format(utc(day))}`, span: 7, weekend: false }));
  return (
    <div className="sch-row sch-head" aria-hidden="true">
      <div className="sch-person">Person</div>
      <div className="sch-columns">
        {columns.map((column) => {
          const current = column.key <= today && today < addDays(column.key, column.span);
          const classes = ['sch-column', column.weekend ? 'weekend' : '', current ? 'today' : ''].filter(Boolean);
          return (
            <div key={column.key} className={classes.join(' ')} style={{ width: column.span * dayWidth }}>
              {column.label}
            </div>
          );
        })}
      </div>
    </div>
  );
}
