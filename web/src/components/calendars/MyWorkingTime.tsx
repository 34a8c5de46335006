import { getMyCalendar } from '../../api/calendars.js';
import { useResource } from '../../useResource.js';
import { ErrorMessage } from '../ErrorMessage.js';
import { hoursText, weekText } from './labels.js';

/** My account → my working time (issue 16): as an administrator set it, with the days off coming up; read-only. */
export function MyWorkingTime() {
  const calendar = useResource(getMyCalendar, []);
  if (calendar.error) return <ErrorMessage error={calendar.error} />;
  const data = calendar.data;
  if (!data) return null;
  const week = data.current.daySeconds.reduce((a, b) => a + b, 0);
  return (
    <section aria-labelledby="my-working-time">
      <h2 id="my-working-time">My working time</h2>
      <p>
        {weekText(data.current.daySeconds)} — {hoursText(week)} a week
        {data.current.holidayRegion && <>, with the public holidays of {data.current.holidayRegion}</>}.{' '}
        <span className="muted">An administrator sets it.</span>
      </p>
      {data.upcoming.length > 0 && (
        <ul>
          {data.upcoming.slice(0, 10).map((d) => (
            <li key={d.date}>
              {d.date} — {d.name} ({d.kind === 'holiday' ? 'public holiday' : 'company day off'})
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
