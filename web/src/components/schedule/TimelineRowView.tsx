import type { PointerEvent as ReactPointerEvent } from 'react';
import type { Plan } from '../../api/schedule.js';
import { DayCells } from './DayCells.js';
import { daysBetween, placePlans, shifted, type TimelineRow } from './model.js';
import { LANE_HEIGHT, PlanBar } from './PlanBar.js';
import type { BarMode, Drag } from './useTimelineDrag.js';

interface Props {
  row: TimelineRow;
  from: string;
  dayCount: number;
  dayWidth: number;
  detailed: boolean;
  today: string;
  drag: Drag | null;
  onTrackPress: (event: ReactPointerEvent<HTMLElement>, row: TimelineRow) => void;
  onBarPress: (event: ReactPointerEvent<HTMLElement>, plan: Plan, row: TimelineRow, mode: BarMode) => void;
  onOpen: (plan: Plan) => void;
  onNudge: (plan: Plan, mode: 'move' | 'end', days: number) => void;
}

/** Room under the bars for the day's hours. */
const LOAD_HEIGHT = 22;

/**
 * One row of the timeline — a person (their name and utilisation in the sticky first column) or a team's "to be
 * staffed" placeholders — with its days and bars, and what a drag in progress would make of it.
 */
export function TimelineRowView(props: Props) {
  const { row, from, dayCount, dayWidth, detailed, today, drag } = props;
  const { placed, lanes } = placePlans(row.plans, from, dayCount);
  const preview = previewOf(drag, row, from, dayCount);
  const height = lanes * LANE_HEIGHT + 8 + LOAD_HEIGHT;
  const name = row.person ? row.person.user.displayName : 'To be staffed';
  const utilisation = row.person?.utilisation;
  return (
    <div className="sch-row" role="group" aria-label={name} data-row-key={row.key}>
      <div className={row.person ? 'sch-person' : 'sch-person staffing'}>
        <span className="sch-name">{name}</span>
        {utilisation !== undefined && (
          <span className={utilisation > 100 ? 'sch-util over' : 'sch-util'}>{utilisation}% planned</span>
        )}
      </div>
      <div
        className={row.canPlan ? 'sch-track plannable' : 'sch-track'}
        style={{ width: dayCount * dayWidth, height }}
        onPointerDown={(event) => props.onTrackPress(event, row)}
      >
        {row.person ? (
          <DayCells days={row.person.days} dayWidth={dayWidth} detailed={detailed} today={today} />
        ) : (
          <div className="sch-days staffing" />
        )}
        {placed.map((p) => (
          <PlanBar
            key={p.plan.id}
            placed={p}
            dayWidth={dayWidth}
            dragging={drag !== null && drag.mode !== 'create' && drag.moved && drag.plan.id === p.plan.id}
            onPress={(event, mode) => props.onBarPress(event, p.plan, row, mode)}
            onOpen={() => props.onOpen(p.plan)}
            onNudge={(mode, days) => props.onNudge(p.plan, mode, days)}
          />
        ))}
        {preview && (
          <div
            className={preview.create ? 'sch-selection' : 'sch-ghost'}
            style={{
              left: preview.first * dayWidth,
              width: (preview.last - preview.first + 1) * dayWidth,
              top: preview.create ? 0 : 4 + preview.lane * LANE_HEIGHT,
              height: preview.create ? '100%' : LANE_HEIGHT - 4,
            }}
            aria-hidden="true"
          />
        )}
      </div>
    </div>
  );
}

/** Where the drag in progress would put something on this row: the days picked, or the bar moved or resized. */
function previewOf(drag: Drag | null, row: TimelineRow, from: string, dayCount: number) {
  if (!drag) return undefined;
  if (drag.mode === 'create') {
    if (drag.row !== row) return undefined;
    return {
      create: true,
      first: Math.min(drag.anchor, drag.current),
      last: Math.max(drag.anchor, drag.current),
      lane: 0,
    };
  }
  if (!drag.moved || drag.to !== row) return undefined;
  const dates = shifted(drag.plan, drag.mode, drag.days);
  const first = Math.max(0, daysBetween(from, dates.startDate));
  const last = Math.min(dayCount - 1, daysBetween(from, dates.endDate));
  if (first > last) return undefined;
  // Over its own lane in its own row, else over the first lane: the rows keep their height while a bar is dragged.
  const own = placePlans(row.plans, from, dayCount).placed.find((p) => p.plan.id === drag.plan.id);
  return { create: false, first, last, lane: own?.lane ?? 0 };
}
