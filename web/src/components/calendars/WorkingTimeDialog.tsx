import { useState } from 'react';
import type { UserRecord } from '../../../../src/contracts.js';
import { deleteSchedule, getCalendar, listRegions, setSchedule, WEEKDAYS } from '../../api/calendars.js';
import { readDuration } from '../../duration.js';
import { useFormSubmit } from '../../useFormSubmit.js';
import { useResource } from '../../useResource.js';
import { Dialog } from '../Dialog.js';
import { ErrorMessage } from '../ErrorMessage.js';
import { FieldError } from '../FieldError.js';
import { FormButtons } from '../FormButtons.js';
import { SelectField } from '../SelectField.js';
import { Table } from '../Table.js';
import { TextField } from '../TextField.js';
import { hoursText, weekText } from './labels.js';
import './calendars.css';

/**
 * A person's working time (issue 16): the versions so far, each from its first day, and a new one — hours per weekday
 * and the holiday region whose public holidays are days off. A version from a day that has one replaces it.
 */
export function WorkingTimeDialog({ user, onClose }: { user: UserRecord; onClose: () => void }) {
  const calendar = useResource(() => getCalendar(user.id), [user.id]);
  const today = new Date().toISOString().slice(0, 10);
  const [validFrom, setValidFrom] = useState(today);
  const [hours, setHours] = useState<string[]>(['8', '8', '8', '8', '8', '0', '0']);
  const [country, setCountry] = useState('');
  const [region, setRegion] = useState('');
  const countries = useResource(() => listRegions(), []);
  const regions = useResource(() => (country ? listRegions(country) : Promise.resolve({ items: [] })), [country]);
  const [hoursError, setHoursError] = useState<string | null>(null);
  const { busy, fields, submit, run } = useFormSubmit(['validFrom', 'daySeconds', 'holidayRegion'], async () => {
    const readings = hours.map((h): { seconds?: number; error?: string } =>
      h.trim() === '' || h.trim() === '0' ? { seconds: 0 } : readDuration(h),
    );
    const wrong = readings.findIndex((r) => r.error !== undefined);
    setHoursError(wrong < 0 ? null : `${WEEKDAYS[wrong]}: ${readings[wrong].error}`);
    if (wrong >= 0) return;
    await setSchedule(user.id, {
      validFrom,
      daySeconds: readings.map((r) => r.seconds ?? 0),
      holidayRegion: region || country || null,
    });
    calendar.reload();
  });
  const data = calendar.data;
  return (
    <Dialog title={`Working time of ${user.displayName}`} onClose={onClose} wide>
      <ErrorMessage error={calendar.error} />
      {data && (
        <Table
          caption="Working time so far"
          showCaption
          columns={['From', 'Week', 'Holidays of', { label: 'Remove', hidden: true }]}
        >
          {data.schedules.length === 0 && (
            <tr>
              <td colSpan={4} className="muted">
                None set: 8 h Monday to Friday, no public holidays.
              </td>
            </tr>
          )}
          {data.schedules.map((v) => (
            <tr key={v.validFrom}>
              <td>{v.validFrom}</td>
              <td>{weekText(v.daySeconds)}</td>
              <td>{v.holidayRegion ?? '—'}</td>
              <td>
                <button
                  type="button"
                  className="button secondary"
                  disabled={busy}
                  onClick={() =>
                    void run(async () => {
                      await deleteSchedule(user.id, v.validFrom);
                      calendar.reload();
                    })
                  }
                >
                  Remove <span className="visually-hidden">the version from {v.validFrom}</span>
                </button>
              </td>
            </tr>
          ))}
        </Table>
      )}
      <form onSubmit={submit} className="form" aria-label="New working time">
        <TextField
          label="From"
          type="date"
          value={validFrom}
          onChange={setValidFrom}
          required
          errors={fields}
          field="validFrom"
        />
        <fieldset>
          <legend>Hours per weekday</legend>
          <div className="weekday-hours">
            {WEEKDAYS.map((day, i) => (
              <TextField
                key={day}
                label={day}
                value={hours[i]}
                inputMode="decimal"
                onChange={(v) => setHours((h) => h.map((x, k) => (k === i ? v : x)))}
              />
            ))}
          </div>
          {hoursError && <p className="field-error">{hoursError}</p>}
          <FieldError errors={fields} field="daySeconds" />
        </fieldset>
        <div className="form-row">
          <SelectField label="Public holidays of" value={country} onChange={(c) => (setCountry(c), setRegion(''))}>
            <option value="">None</option>
            {countries.data?.items.map((c) => (
              <option key={c.code} value={c.code}>
                {c.name}
              </option>
            ))}
          </SelectField>
          {country && (regions.data?.items.length ?? 0) > 0 && (
            <SelectField label="Region" value={region} onChange={setRegion} errors={fields} field="holidayRegion">
              <option value="">The whole country</option>
              {regions.data?.items.map((r) => (
                <option key={r.code} value={r.code}>
                  {r.name}
                </option>
              ))}
            </SelectField>
          )}
        </div>
        <ErrorMessage error={fields.rest} />
        <FormButtons onCancel={onClose} label="Save working time" busyLabel="Saving…" busy={busy} />
      </form>
      {data && data.upcoming.length > 0 && (
        <p className="muted">
          Days off coming up: {data.upcoming.map((d) => `${d.date} ${d.name}`).join(', ')}. Week now:{' '}
          {hoursText(data.current.daySeconds.reduce((a, b) => a + b, 0))}.
        </p>
      )}
    </Dialog>
  );
}
