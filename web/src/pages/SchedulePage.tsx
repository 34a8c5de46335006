import { useState } from 'react';
import { scheduleApi, type Plan, type PlanChange } from '../api/schedule.js';
import { ErrorMessage } from '../components/ErrorMessage.js';
import {
  addDays,
  mondayOf,
  planLabel,
  plannableTargets,
  rangeOf,
  ZOOMS,
  type Zoom,
} from '../components/schedule/model.js';
import { PlanDialog, type PlanDraft } from '../components/schedule/PlanDialog.js';
import { ScheduleLegend } from '../components/schedule/ScheduleLegend.js';
import { ScheduleNav } from '../components/schedule/ScheduleNav.js';
import { Timeline } from '../components/schedule/Timeline.js';
import '../components/schedule/schedule.css';
import { formatDate, today } from '../dates.js';
import { hashQuery, href, navigate, useHash } from '../router.js';
import { useDocumentTitle } from '../useDocumentTitle.js';
import { useResource } from '../useResource.js';

/** The shown weeks from the address (`#/schedule?from=2030-06-03&zoom=weeks`): a reload or a link keeps them. */
function viewOf(hash: string): { from: string; zoom: Zoom } {
  const params = hashQuery(hash);
  const zoom: Zoom = params.get('zoom') === 'weeks' ? 'weeks' : 'days';
  const asked = params.get('from') ?? '';
  const valid = /^\d{4}-\d{2}-\d{2}$/.test(asked) && !Number.isNaN(Date.parse(asked));
  return { from: mondayOf(valid ? asked : today()), zoom };
}

const datesText = (change: PlanChange, plan: Plan) => {
  const start = change.startDate ?? plan.startDate;
  const end = change.endDate ?? plan.endDate;
  return start === end ? formatDate(start) : `${formatDate(start)} – ${formatDate(end)}`;
};

/**
 * The Schedule timeline (FLOW-5, issue 16): who is planned on what, by team, with each person's utilisation a day.
 * Drag on a row to plan, drag a bar to move it (to another day or person) or its edge to resize it; every one of these
 * is also in the dialog the "Plan…" button and each bar open. A refused change is shown and the timeline reloaded.
 */
export function SchedulePage() {
  useDocumentTitle('Schedule');
  const { from, zoom } = viewOf(useHash());
  const range = rangeOf(from, zoom);
  const schedule = useResource(() => scheduleApi.timeline(range), [range.from, range.to]);
  const [draft, setDraft] = useState<PlanDraft | null>(null);
  const [status, setStatus] = useState('');
  const [failure, setFailure] = useState<unknown>(null);
  const go = (to: { step?: -1 | 1; today?: true; zoom?: Zoom }) => {
    const next = to.today ? mondayOf(today()) : to.step ? addDays(from, to.step * ZOOMS[zoom].step) : from;
    const nextZoom = to.zoom ?? zoom;
    navigate(href.schedule({ from: next, zoom: nextZoom === 'days' ? undefined : nextZoom }));
  };

  async function change(plan: Plan, what: PlanChange) {
    setFailure(null);
    setStatus('');
    try {
      const saved = await scheduleApi.update(plan, what);
      const whose = what.userId !== undefined ? ` for ${saved.user?.displayName ?? 'to be staffed'}` : '';
      setStatus(`“${planLabel(saved)}” is now planned ${datesText(what, plan)}${whose}.`);
    } catch (error) {
      setFailure(error);
    }
    schedule.reload();
  }

  const data = schedule.data;
  // A new plan from the button starts today when today is shown, else on the first day shown.
  const firstDay = range.from <= today() && today() <= range.to ? today() : range.from;
  const canPlan = data !== undefined && plannableTargets(data).length > 0;
  return (
    <section className="schedule">
      <h1>Schedule</h1>
      <ScheduleNav
        range={range}
        zoom={zoom}
        onGo={go}
        onPlan={canPlan ? () => setDraft({ startDate: firstDay, endDate: firstDay }) : undefined}
      />
      <p className="sch-status" role="status">
        {status}
      </p>
      <ErrorMessage error={failure ?? schedule.error} />
      {data && (
        <>
          <Timeline
            schedule={data}
            zoom={zoom}
            onCreate={(target, startDate, endDate) => setDraft({ target, startDate, endDate })}
            onOpen={(plan) => setDraft({ plan })}
            onChange={(plan, what) => void change(plan, what)}
          />
          <ScheduleLegend />
        </>
      )}
      {!data && schedule.loading && <p className="muted">Loading…</p>}
      {data && draft && (
        <PlanDialog
          schedule={data}
          draft={draft}
          onClose={() => setDraft(null)}
          onDone={(message) => {
            setDraft(null);
            setFailure(null);
            setStatus(message);
            schedule.reload();
          }}
        />
      )}
    </section>
  );
}
