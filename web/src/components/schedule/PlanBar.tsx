import type { KeyboardEvent, PointerEvent as ReactPointerEvent } from 'react';
import type { Plan } from '../../api/schedule.js';
import { formatDate } from '../../dates.js';
import { colourOf, hoursText, planLabel, type PlacedPlan } from './model.js';
import type { BarMode } from './useTimelineDrag.js';

export const LANE_HEIGHT = 26;

/** A plan in words: what, for whom (the client only when the API sent it), when, how much. */
export function planText(plan: Plan): string {
  const parts = [planLabel(plan)];
  if (plan.client) parts.push(`client ${plan.client.name}`);
  parts.push(
    plan.startDate === plan.endDate
      ? formatDate(plan.startDate)
      : `${formatDate(plan.startDate)} – ${formatDate(plan.endDate)}`,
  );
  if (plan.kind !== 'out_of_office') parts.push(`${hoursText(plan.hoursPerDay)} a day`);
  if (plan.tentative) parts.push('tentative');
  return parts.join(', ');
}

interface Props {
  placed: PlacedPlan;
  dayWidth: number;
  dragging: boolean;
  onPress: (event: ReactPointerEvent<HTMLElement>, mode: BarMode) => void;
  onOpen: () => void;
  /** Arrow keys: a day earlier or later; with Shift the last day. */
  onNudge: (mode: 'move' | 'end', days: number) => void;
}

/**
 * A plan on the timeline, coloured by its project (neutral without one), striped when tentative. One the reader may
 * change is a button: it opens the edit dialog, drags to move, and its edges drag to resize. A "busy" plan (on a work
 * item the reader may not view, ITEM-9) is a grey bar with no identity.
 */
export function PlanBar({ placed, dayWidth, dragging, onPress, onOpen, onNudge }: Props) {
  const { plan, first, last, lane } = placed;
  const colour = colourOf(plan);
  const style = {
    left: first * dayWidth + 2,
    width: (last - first + 1) * dayWidth - 4,
    top: 4 + lane * LANE_HEIGHT,
    ...(colour ? { background: colour.background, borderColor: colour.border } : {}),
  };
  const classes = ['sch-bar', `kind-${plan.kind}`];
  if (plan.tentative) classes.push('tentative');
  if (dragging) classes.push('dragging');
  const text = planText(plan);
  if (plan.busy || !plan.canEdit) {
    if (plan.busy) classes.push('busy');
    return (
      <div className={classes.join(' ')} style={style} title={text}>
        <span aria-hidden="true">{planLabel(plan)}</span>
        <span className="visually-hidden">{text}</span>
      </div>
    );
  }

  function keyDown(event: KeyboardEvent) {
    const step = event.key === 'ArrowLeft' ? -1 : event.key === 'ArrowRight' ? 1 : 0;
    if (step === 0 || event.altKey || event.ctrlKey || event.metaKey) return;
    event.preventDefault();
    onNudge(event.shiftKey ? 'end' : 'move', step);
  }

  return (
    <button
      type="button"
      className={classes.join(' ')}
      style={style}
      title={`${text} — drag to move, drag an edge to resize; arrow keys move it a day, Shift+arrows change its last day`}
      aria-label={text}
      onPointerDown={(event) => onPress(event, 'move')}
      onClick={onOpen}
      onKeyDown={keyDown}
    >
      <span className="sch-edge start" aria-hidden="true" onPointerDown={(event) => onPress(event, 'start')} />
      <span className="sch-bar-text">
        {planLabel(plan)}
        {plan.client && <span className="sch-client"> · {plan.client.name}</span>}
      </span>
      <span className="sch-edge end" aria-hidden="true" onPointerDown={(event) => onPress(event, 'end')} />
    </button>
  );
}
