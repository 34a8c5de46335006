import { formatDate } from '../../dates.js';
import { ZOOMS, type Zoom } from './model.js';

interface Props {
  range: { from: string; to: string };
  zoom: Zoom;
  onGo: (to: { step?: -1 | 1; today?: true; zoom?: Zoom }) => void;
  /** The "Plan" button, for who may plan for someone shown. */
  onPlan?: () => void;
}

/** Earlier and later, today, days or weeks, and a new plan through the dialog (the keyboard's way to plan). */
export function ScheduleNav({ range, zoom, onGo, onPlan }: Props) {
  const unit = ZOOMS[zoom].step === 7 ? 'week' : `${ZOOMS[zoom].step / 7} weeks`;
  return (
    <div className="sch-nav">
      <div className="sch-nav-group" role="group" aria-label="Dates">
        <button type="button" className="button secondary small" onClick={() => onGo({ step: -1 })}>
          <span aria-hidden="true">‹ </span>Previous {unit}
        </button>
        <button type="button" className="button secondary small" onClick={() => onGo({ today: true })}>
          Today
        </button>
        <button type="button" className="button secondary small" onClick={() => onGo({ step: 1 })}>
          Next {unit}
          <span aria-hidden="true"> ›</span>
        </button>
      </div>
      <div className="sch-nav-group" role="group" aria-label="Zoom">
        {(['days', 'weeks'] as const).map((each) => (
          <button
            key={each}
            type="button"
            className={each === zoom ? 'button small' : 'button secondary small'}
            aria-pressed={each === zoom}
            onClick={() => onGo({ zoom: each })}
          >
            {each === 'days' ? 'Days' : 'Weeks'}
          </button>
        ))}
      </div>
      <p className="sch-range" aria-live="polite">
        {formatDate(range.from)} – {formatDate(range.to)}
      </p>
      {onPlan && (
        <button type="button" className="button sch-plan" onClick={onPlan}>
          Plan…
        </button>
      )}
    </div>
  );
}
