import { useRef, useState, type PointerEvent as ReactPointerEvent } from 'react';
import type { Plan, PlanChange } from '../../api/schedule.js';
import { addDays, shifted, type RowTarget, type TimelineRow } from './model.js';

export type BarMode = 'move' | 'start' | 'end';

/** A drag in progress: a new plan's days on a row, or a bar moved (days and row) or resized at one end. */
export type Drag =
  | { mode: 'create'; row: TimelineRow; left: number; anchor: number; current: number }
  | {
      mode: BarMode;
      plan: Plan;
      from: TimelineRow;
      to: TimelineRow;
      x0: number;
      y0: number;
      days: number;
      moved: boolean;
    };

interface Options {
  from: string;
  dayWidth: number;
  dayCount: number;
  rows: ReadonlyMap<string, TimelineRow>;
  onCreate: (target: RowTarget, startDate: string, endDate: string) => void;
  onChange: (plan: Plan, change: PlanChange) => void;
}

/** Under this many pixels a press is a click (which opens the bar's dialog), not a drag. */
const SLOP = 4;

/** A plan may move to a person's row one plans for, or back to its own team's "to be staffed" row. */
function accepts(row: TimelineRow, plan: Plan): boolean {
  if (!row.canPlan) return false;
  return row.target.userId !== null || (plan.team !== null && plan.team.id === row.target.teamId);
}

/**
 * Pointer drags on the timeline: press on an empty part of a row and drag to pick a new plan's days; drag a bar to
 * move it (to another day, or another person's row), or its edge to resize it. The element pressed captures the
 * pointer, so its moves and release bubble to the handlers this returns for the timeline's container.
 */
export function useTimelineDrag({ from, dayWidth, dayCount, rows, onCreate, onChange }: Options) {
  const [drag, setDrag] = useState<Drag | null>(null);
  // A bar's click follows the release of its drag; that click must not open the dialog too.
  const dragged = useRef(false);
  const dayAt = (left: number, clientX: number) =>
    Math.min(dayCount - 1, Math.max(0, Math.floor((clientX - left) / dayWidth)));

  function startCreate(event: ReactPointerEvent<HTMLElement>, row: TimelineRow) {
    if (event.button !== 0 || !row.canPlan || (event.target as HTMLElement).closest('.sch-bar')) return;
    event.preventDefault();
    event.currentTarget.setPointerCapture(event.pointerId);
    const left = event.currentTarget.getBoundingClientRect().left;
    const day = dayAt(left, event.clientX);
    setDrag({ mode: 'create', row, left, anchor: day, current: day });
  }

  function startBar(event: ReactPointerEvent<HTMLElement>, plan: Plan, row: TimelineRow, mode: BarMode) {
    if (event.button !== 0 || !plan.canEdit) return;
    event.stopPropagation();
    event.currentTarget.setPointerCapture(event.pointerId);
    dragged.current = false;
    setDrag({ mode, plan, from: row, to: row, x0: event.clientX, y0: event.clientY, days: 0, moved: false });
  }

  function move(event: ReactPointerEvent<HTMLElement>) {
    if (!drag) return;
    if (drag.mode === 'create') {
      const current = dayAt(drag.left, event.clientX);
      if (current !== drag.current) setDrag({ ...drag, current });
      return;
    }
    const moved = drag.moved || Math.abs(event.clientX - drag.x0) > SLOP || Math.abs(event.clientY - drag.y0) > SLOP;
    const days = Math.round((event.clientX - drag.x0) / dayWidth);
    let to = drag.to;
    if (drag.mode === 'move') {
      const key = document.elementFromPoint(event.clientX, event.clientY)?.closest<HTMLElement>('[data-row-key]')
        ?.dataset.rowKey;
      const over = key === undefined ? undefined : rows.get(key);
      if (over && accepts(over, drag.plan)) to = over;
    }
    if (moved !== drag.moved || days !== drag.days || to !== drag.to) setDrag({ ...drag, moved, days, to });
  }

  function end() {
    if (!drag) return;
    setDrag(null);
    if (drag.mode === 'create') {
      const first = Math.min(drag.anchor, drag.current);
      const last = Math.max(drag.anchor, drag.current);
      onCreate(drag.row.target, addDays(from, first), addDays(from, last));
      return;
    }
    if (!drag.moved) return;
    dragged.current = true;
    const change: PlanChange = {};
    const dates = shifted(drag.plan, drag.mode, drag.days);
    if (dates.startDate !== drag.plan.startDate) change.startDate = dates.startDate;
    if (dates.endDate !== drag.plan.endDate) change.endDate = dates.endDate;
    if (drag.to !== drag.from && drag.to.target.userId !== (drag.plan.user?.id ?? null))
      change.userId = drag.to.target.userId;
    if (Object.keys(change).length > 0) onChange(drag.plan, change);
  }

  function cancel() {
    setDrag(null);
  }

  /** True once for the click that ends a drag. */
  function swallowClick(): boolean {
    const was = dragged.current;
    dragged.current = false;
    return was;
  }

  return {
    drag,
    startCreate,
    startBar,
    swallowClick,
    containerProps: { onPointerMove: move, onPointerUp: end, onPointerCancel: cancel },
  };
}
