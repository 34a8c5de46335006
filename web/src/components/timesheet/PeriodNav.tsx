import { useEffect, useId, useState } from 'react';
import type { Person } from '../../../../src/contracts.js';
import { timesheetsApi, type TimesheetView } from '../../api/timesheets.js';
import { formatDate, today } from '../../dates.js';
import { addDays } from './gridModel.js';

interface Props {
  /** The shown range, once the server has answered. */
  range: { start: string; end: string } | undefined;
  date: string;
  view: TimesheetView;
  meId: number;
  userId: number | undefined;
  /** Whose timesheet is shown, when the server has said. */
  shown: { id: number; displayName: string } | undefined;
  onGo: (to: { date?: string; view?: TimesheetView; userId?: number | null }) => void;
}

/** Previous and next period, today, week or month, and whose timesheet (for those who may see members' ones). */
export function PeriodNav({ range, date, view, meId, userId, shown, onGo }: Props) {
  const unit = view === 'month' ? 'month' : 'week';
  // Before the first answer, a step from the asked date lands in the neighbouring period all the same.
  const start = range?.start ?? date;
  const end = range?.end ?? date;
  return (
    <div className="ts-nav">
      <div className="ts-nav-steps" role="group" aria-label="Period">
        <button type="button" className="button secondary small" onClick={() => onGo({ date: addDays(start, -1) })}>
          <span aria-hidden="true">‹ </span>Previous {unit}
        </button>
        <button type="button" className="button secondary small" onClick={() => onGo({ date: today() })}>
          Today
        </button>
        <button type="button" className="button secondary small" onClick={() => onGo({ date: addDays(end, 1) })}>
          Next {unit}
          <span aria-hidden="true"> ›</span>
        </button>
      </div>
      <div className="ts-nav-view" role="group" aria-label="View">
        {(['week', 'month'] as const).map((each) => (
          <button
            key={each}
            type="button"
            className={each === view ? 'button small' : 'button secondary small'}
            aria-pressed={each === view}
            onClick={() => onGo({ view: each })}
          >
            {each === 'week' ? 'Week' : 'Month'}
          </button>
        ))}
      </div>
      <PersonPicker
        meId={meId}
        userId={userId}
        shown={shown}
        onPick={(id) => onGo({ userId: id === meId ? null : id })}
      />
      {range && (
        <p className="ts-range" aria-live="polite">
          {formatDate(range.start)} – {formatDate(range.end)}
        </p>
      )}
    </div>
  );
}

/**
 * Whose timesheet: the members of the teams the caller sees. Shown only when that list answers and names someone
 * besides the caller; whether their timesheet may be read is the grid's answer (VIEW_MEMBER_WORKLOGS).
 */
function PersonPicker(props: {
  meId: number;
  userId?: number;
  shown: { id: number; displayName: string } | undefined;
  onPick: (id: number) => void;
}) {
  const { meId, userId, shown, onPick } = props;
  const [people, setPeople] = useState<Person[]>([]);
  const id = useId();
  useEffect(() => {
    timesheetsApi.people().then(setPeople, () => setPeople([]));
  }, []);
  const others = people.filter((person) => person.id !== meId);
  if (others.length === 0) return null;
  return (
    <div className="ts-person">
      <label htmlFor={id}>Timesheet of</label>
      <select id={id} value={userId ?? meId} onChange={(event) => onPick(Number(event.target.value))}>
        <option value={meId}>Me</option>
        {userId !== undefined && shown?.id === userId && !others.some((person) => person.id === userId) && (
          <option value={userId}>{shown.displayName}</option>
        )}
        {others.map((person) => (
          <option key={person.id} value={person.id}>
            {person.displayName}
          </option>
        ))}
      </select>
    </div>
  );
}
