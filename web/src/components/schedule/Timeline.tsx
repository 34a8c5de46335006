import { useMemo } from 'react';
import type { Plan, PlanChange, Schedule } from '../../api/schedule.js';
import { today as todayOf } from '../../dates.js';
import { addDays, groupRows, shifted, ZOOMS, type RowTarget, type TimelineRow, type Zoom } from './model.js';
import { TimelineHeader } from './TimelineHeader.js';
import { TimelineRowView } from './TimelineRowView.js';
import { useTimelineDrag } from './useTimelineDrag.js';

interface Props {
  schedule: Schedule;
  zoom: Zoom;
  onCreate: (target: RowTarget, startDate: string, endDate: string) => void;
  onOpen: (plan: Plan) => void;
  onChange: (plan: Plan, change: PlanChange) => void;
}

/**
 * The Schedule timeline (FLOW-5): a row per person by team, each team's "to be staffed" row for who staffs it, the
 * days (or weeks) across. It scrolls sideways inside its box with the names staying in view, on a phone too.
 */
export function Timeline({ schedule, zoom, onCreate, onOpen, onChange }: Props) {
  const { dayWidth } = ZOOMS[zoom];
  const from = schedule.from;
  const dayCount = ZOOMS[zoom].days;
  const groups = useMemo(() => groupRows(schedule), [schedule]);
  const rows = useMemo(
    () => new Map<string, TimelineRow>(groups.flatMap((g) => g.rows.map((r) => [r.key, r] as const))),
    [groups],
  );
  const { drag, startCreate, startBar, swallowClick, containerProps } = useTimelineDrag({
    from,
    dayWidth,
    dayCount,
    rows,
    onCreate,
    onChange,
  });
  const today = todayOf();
  const days = Array.from({ length: dayCount }, (_, i) => addDays(from, i));

  if (groups.length === 0) return <p className="muted">Nobody’s schedule to show.</p>;
  return (
    <div className={drag ? 'sch-scroll dragging' : 'sch-scroll'} {...containerProps}>
      <div className="sch-timeline" role="region" aria-label="Timeline">
        <TimelineHeader days={days} zoom={zoom} dayWidth={dayWidth} today={today} />
        {groups.map((group) => (
          <section key={group.key} className="sch-group" aria-label={group.name}>
            <h2 className="sch-group-name">
              <span>{group.name}</span>
            </h2>
            {group.rows.map((row) => (
              <TimelineRowView
                key={row.key}
                row={row}
                from={from}
                dayCount={dayCount}
                dayWidth={dayWidth}
                detailed={zoom === 'days'}
                today={today}
                drag={drag}
                onTrackPress={startCreate}
                onBarPress={startBar}
                onOpen={(plan) => {
                  if (!swallowClick()) onOpen(plan);
                }}
                onNudge={(plan, mode, step) => onChange(plan, shifted(plan, mode, step))}
              />
            ))}
          </section>
        ))}
      </div>
    </div>
  );
}
