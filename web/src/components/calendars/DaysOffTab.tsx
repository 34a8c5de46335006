import { useState } from 'react';
import { addDayOff, listDaysOff, removeDayOff } from '../../api/calendars.js';
import { useFormSubmit } from '../../useFormSubmit.js';
import { useResource } from '../../useResource.js';
import { ErrorMessage } from '../ErrorMessage.js';
import { RowActions, RowButton } from '../RowActions.js';
import { ACTIONS, Table } from '../Table.js';
import { TextField } from '../TextField.js';
import './calendars.css';

/**
 * Administration → Days off (issue 16): the company's days off, a year at a time. Nobody's capacity counts them — in
 * the timesheet grid, the Dashboard and the workload.
 */
export function DaysOffTab() {
  const [year, setYear] = useState(new Date().getFullYear());
  const days = useResource(() => listDaysOff(year), [year]);
  const [day, setDay] = useState('');
  const [name, setName] = useState('');
  const { busy, fields, submit, run } = useFormSubmit(['day', 'name'], async () => {
    await addDayOff({ day, name: name.trim() });
    setDay('');
    setName('');
    days.reload();
  });
  return (
    <>
      <h2>Company days off</h2>
      <form onSubmit={submit} className="form days-off-form" aria-label="New day off">
        <div className="form-row">
          <TextField label="Day" type="date" value={day} onChange={setDay} required errors={fields} field="day" />
          <TextField label="Name" value={name} onChange={setName} required errors={fields} field="name" />
        </div>
        <ErrorMessage error={fields.rest} />
        <div className="form-actions start">
          <button type="submit" className="button" disabled={busy}>
            Add day off
          </button>
        </div>
      </form>
      <div className="button-row" role="group" aria-label="Year">
        <button type="button" className="button secondary" onClick={() => setYear((y) => y - 1)}>
          {year - 1}
        </button>
        <strong aria-live="polite">{year}</strong>
        <button type="button" className="button secondary" onClick={() => setYear((y) => y + 1)}>
          {year + 1}
        </button>
      </div>
      <ErrorMessage error={days.error} />
      {days.data && days.data.items.length === 0 && <p className="muted">No company days off in {year}.</p>}
      {days.data && days.data.items.length > 0 && (
        <Table caption={`Days off in ${year}`} columns={['Day', 'Name', ACTIONS]}>
          {days.data.items.map((d) => (
            <tr key={d.day}>
              <td>{d.day}</td>
              <td>{d.name}</td>
              <RowActions>
                <RowButton
                  danger
                  name={`Remove ${d.name} (${d.day})`}
                  disabled={busy}
                  onClick={() =>
                    void run(async () => {
                      await removeDayOff(d.day);
                      days.reload();
                    })
                  }
                >
                  Remove
                </RowButton>
              </RowActions>
            </tr>
          ))}
        </Table>
      )}
    </>
  );
}
