import { useState } from 'react';
import {
  scheduleApi,
  type Plan,
  type PlanChange,
  type PlanIn,
  type PlanKind,
  type Schedule,
} from '../../api/schedule.js';
import { useFormSubmit } from '../../useFormSubmit.js';
import { Dialog } from '../Dialog.js';
import { ErrorMessage } from '../ErrorMessage.js';
import { FieldError } from '../FieldError.js';
import { FormButtons } from '../FormButtons.js';
import { SelectField } from '../SelectField.js';
import { TextField } from '../TextField.js';
import { ClientSelect } from './ClientSelect.js';
import { ItemPicker, type PickedItem } from './ItemPicker.js';
import { kindName, plannableTargets, planLabel, targetValue, type RowTarget } from './model.js';

const FIELDS = [
  'userId',
  'teamId',
  'kind',
  'title',
  'itemId',
  'startDate',
  'endDate',
  'hoursPerDay',
  'totalHours',
  'tentative',
  'billable',
  'clientId',
] as const;

/** A new plan's prefill (a drag on a row, or the Plan button), or the plan to edit. */
export type PlanDraft = { plan: Plan } | { target?: RowTarget; startDate: string; endDate: string };

interface Props {
  schedule: Schedule;
  draft: PlanDraft;
  onClose: () => void;
  /** Saved or deleted: what to announce. */
  onDone: (message: string) => void;
}

/** A person's usual working day on the timeline, as the new plan's hours a day. */
function usualHours(schedule: Schedule, target: RowTarget | undefined): string {
  const row = schedule.rows.find((r) => target && r.user.id === target.userId);
  const seconds = row?.days.map((d) => d.capacitySeconds).find((s) => s > 0);
  return String(seconds ? Math.round((seconds / 3600) * 4) / 4 : 8);
}

/**
 * Plans a task or event, or edits one (FLOW-5): for whom (a person, or a team's "to be staffed"), what (a work item
 * or a title), when, how many hours, tentative; billable and the client only for who may set them (APP-4, APP-5), the
 * client's name only where the API sent it. A refusal naming a field shows next to it (API-5).
 */
export function PlanDialog({ schedule, draft, onClose, onDone }: Props) {
  const plan = 'plan' in draft ? draft.plan : undefined;
  const initialTarget: RowTarget | undefined =
    'plan' in draft
      ? draft.plan.user
        ? { userId: draft.plan.user.id, teamId: null }
        : { userId: null, teamId: draft.plan.team!.id }
      : draft.target;
  const targets = plannableTargets(schedule).filter(
    (t) => !plan || t.target.userId !== null || t.target.teamId === plan.team?.id,
  );
  const [forValue, setForValue] = useState(initialTarget ? targetValue(initialTarget) : (targets[0]?.value ?? ''));
  const [kind, setKind] = useState<PlanKind>(plan?.kind ?? 'task');
  const [title, setTitle] = useState(plan?.title ?? '');
  const [item, setItem] = useState<PickedItem | null>(plan?.item ?? null);
  const [startDate, setStartDate] = useState(plan?.startDate ?? ('startDate' in draft ? draft.startDate : ''));
  const [endDate, setEndDate] = useState(plan?.endDate ?? ('endDate' in draft ? draft.endDate : ''));
  const [hoursMode, setHoursMode] = useState<'perDay' | 'total'>('perDay');
  const [hours, setHours] = useState(plan ? String(plan.hoursPerDay) : usualHours(schedule, initialTarget));
  const [tentative, setTentative] = useState(plan?.tentative ?? false);
  const [billable, setBillable] = useState(plan?.billable ?? false);
  const [clientId, setClientId] = useState(plan?.client ? String(plan.client.id) : '');
  const target = targets.find((t) => t.value === forValue)?.target ?? initialTarget;

  const { busy, fields, submit, run } = useFormSubmit(FIELDS, async () => {
    const amount =
      kind === 'out_of_office' ? {} : { [hoursMode === 'perDay' ? 'hoursPerDay' : 'totalHours']: Number(hours) };
    const common = {
      title: title.trim(),
      itemId: kind === 'task' ? (item?.id ?? null) : null,
      startDate,
      endDate,
      tentative,
      ...amount,
      ...(schedule.abilities.billable ? { billable: kind === 'task' && billable } : {}),
      ...(schedule.abilities.client ? { clientId: kind === 'task' && clientId ? Number(clientId) : null } : {}),
    };
    if (plan) {
      const moved = target && targetValue(target) !== targetValue(initialTarget!);
      const change: PlanChange = { ...common, ...(moved ? { userId: target.userId } : {}) };
      const saved = await scheduleApi.update(plan, change);
      onDone(`Saved “${planLabel(saved)}”.`);
    } else {
      const input: PlanIn = { ...common, kind, userId: target?.userId ?? null, teamId: target?.teamId ?? null };
      const saved = await scheduleApi.create(input);
      onDone(`Planned “${planLabel(saved)}” for ${saved.user?.displayName ?? `${saved.team?.name}, to be staffed`}.`);
    }
  });

  function remove() {
    void run(async () => {
      await scheduleApi.remove(plan!);
      onDone(`Deleted “${planLabel(plan!)}”.`);
    });
  }

  const hoursField = hoursMode === 'perDay' ? 'hoursPerDay' : 'totalHours';
  return (
    <Dialog title={plan ? `Edit “${planLabel(plan)}”` : 'Plan'} onClose={onClose}>
      <form onSubmit={submit} className="form" noValidate>
        <div className="form-row">
          <SelectField label="For" value={forValue} onChange={setForValue} errors={fields} field="userId">
            {targets.map((t) => (
              <option key={t.value} value={t.value}>
                {t.label}
              </option>
            ))}
          </SelectField>
          <SelectField
            label="Kind"
            value={kind}
            onChange={(value) => setKind(value as PlanKind)}
            disabled={plan !== undefined}
            errors={fields}
            field="kind"
          >
            {(['task', 'meeting', 'out_of_office'] as const).map((k) => (
              <option key={k} value={k}>
                {kindName(k)}
              </option>
            ))}
          </SelectField>
        </div>
        <FieldError errors={fields} field="teamId" />
        {kind === 'task' && <ItemPicker value={item} onChange={setItem} errors={fields} />}
        <TextField
          label={kind === 'task' && item ? 'Title (optional)' : 'Title'}
          value={title}
          onChange={setTitle}
          maxLength={200}
          errors={fields}
          field="title"
        />
        <div className="form-row">
          <TextField
            label="First day"
            type="date"
            value={startDate}
            onChange={setStartDate}
            required
            errors={fields}
            field="startDate"
          />
          <TextField
            label="Last day"
            type="date"
            value={endDate}
            onChange={setEndDate}
            required
            errors={fields}
            field="endDate"
          />
        </div>
        {kind !== 'out_of_office' && (
          <div className="form-row">
            <SelectField
              label="Hours"
              value={hoursMode}
              onChange={(value) => setHoursMode(value as 'perDay' | 'total')}
            >
              <option value="perDay">Per working day</option>
              <option value="total">In total</option>
            </SelectField>
            <TextField
              label={hoursMode === 'perDay' ? 'Hours a day' : 'Total hours'}
              type="number"
              min={0}
              step={0.25}
              value={hours}
              onChange={setHours}
              errors={fields}
              field={hoursField}
            />
          </div>
        )}
        <label className="checkbox">
          <input type="checkbox" checked={tentative} onChange={(e) => setTentative(e.target.checked)} /> Tentative
        </label>
        <FieldError errors={fields} field="tentative" />
        {kind === 'task' && schedule.abilities.billable && (
          <>
            <label className="checkbox">
              <input
                type="checkbox"
                checked={billable}
                onChange={(e) => setBillable(e.target.checked)}
                {...fields.props('billable')}
              />{' '}
              Billable
            </label>
            <FieldError errors={fields} field="billable" />
          </>
        )}
        {kind === 'task' && schedule.abilities.client && (
          <ClientSelect value={clientId} onChange={setClientId} current={plan?.client} errors={fields} />
        )}
        {!schedule.abilities.client && plan?.client && <p className="hint">Client: {plan.client.name}</p>}
        <ErrorMessage error={fields.rest} />
        <FormButtons onCancel={onClose} label={plan ? 'Save' : 'Plan'} busyLabel="Saving…" busy={busy}>
          {plan && (
            <button type="button" className="button danger" onClick={remove} disabled={busy}>
              Delete
            </button>
          )}
        </FormButtons>
      </form>
    </Dialog>
  );
}
