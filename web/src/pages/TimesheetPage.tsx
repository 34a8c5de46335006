import { useEffect, useState } from 'react';
import type { Me } from '../../../src/contracts.js';
import type { TimesheetView } from '../api/timesheets.js';
import { ErrorMessage } from '../components/ErrorMessage.js';
import { TeamChangedDialog } from '../components/TeamChangedDialog.js';
import { AddRows } from '../components/timesheet/AddRows.js';
import { CellWorklogsDialog } from '../components/timesheet/CellWorklogsDialog.js';
import { cellId, gridRows, isIsoDate, withCell } from '../components/timesheet/gridModel.js';
import { PeriodNav } from '../components/timesheet/PeriodNav.js';
import { SlicePanel } from '../components/timesheet/SlicePanel.js';
import { TimerBar, useTimer } from '../components/timesheet/TimerBar.js';
import { HoursGrid } from '../components/timesheet/HoursGrid.js';
import { useAddedRows } from '../components/timesheet/useAddedRows.js';
import { saveSummary, useCellSaver } from '../components/timesheet/useCellSaver.js';
import { useSheet } from '../components/timesheet/useSheet.js';
import '../components/timesheet/timesheet.css';
import { today } from '../dates.js';
import { hashQuery, href, navigate, useHash } from '../router.js';
import { useDocumentTitle } from '../useDocumentTitle.js';

/** The Timesheet area (FLOW-1): `#/timesheet?date=&view=&user=` — a week or month of one user's hours. */
export function TimesheetPage({ me }: { me: Me }) {
  useDocumentTitle('Timesheet');
  const params = hashQuery(useHash());
  const askedDate = params.get('date');
  const date = isIsoDate(askedDate) ? askedDate : today();
  const view: TimesheetView = params.get('view') === 'month' ? 'month' : 'week';
  const askedUser = Number(params.get('user'));
  const userId = Number.isSafeInteger(askedUser) && askedUser > 0 && askedUser !== me.user.id ? askedUser : undefined;
  const own = userId === undefined;

  const grid = useSheet({ date, view, userId });
  const { sheet } = grid;
  const added = useAddedRows(userId ?? me.user.id, sheet);
  const saver = useCellSaver({
    sheetRef: grid.sheetRef,
    change: grid.change,
    refresh: grid.refresh,
    userId,
    onEmptied: (item) => added.add([item]),
  });
  const timer = useTimer(() => grid.refresh());
  const [open, setOpen] = useState<{ key: string; date: string } | null>(null);

  const { clearProblems } = saver;
  useEffect(() => clearProblems(), [date, view, userId, clearProblems]);

  function go(to: { date?: string; view?: TimesheetView; userId?: number | null }) {
    const nextView = to.view ?? view;
    const nextUser = to.userId === undefined ? userId : (to.userId ?? undefined);
    navigate(
      href.timesheet({
        date: to.date ?? date,
        view: nextView === 'month' ? 'month' : undefined,
        user: nextUser === undefined ? undefined : String(nextUser),
      }),
    );
  }

  function reload() {
    clearProblems();
    grid.reload();
  }

  const rows = sheet ? gridRows(sheet, added.items) : [];
  const openRow = open && rows.find((row) => row.item.key === open.key);
  const openCell = openRow?.cells.find((cell) => cell.date === open?.date);
  const summary = saveSummary(saver.statuses);
  const conflicted = [...saver.statuses.values()].some((status) => status.state === 'conflict');

  return (
    <section className="timesheet">
      <h1>{own ? 'Timesheet' : `Timesheet of ${sheet?.user.displayName ?? '…'}`}</h1>
      {own && <TimerBar state={timer} />}
      <PeriodNav
        range={sheet}
        date={date}
        view={view}
        meId={me.user.id}
        userId={userId}
        shown={sheet?.user}
        onGo={go}
      />
      <ErrorMessage error={grid.error} />
      {grid.loading && !sheet && <p className="muted">Loading…</p>}
      {sheet && (
        <>
          <div className="ts-save-line">
            <span role="status" className={summary.problem ? 'error' : 'muted'}>
              {summary.text}
            </span>
            {conflicted && (
              <button type="button" className="button secondary small" onClick={reload}>
                Reload
              </button>
            )}
          </div>
          <HoursGrid
            sheet={sheet}
            rows={rows}
            statuses={saver.statuses}
            timer={
              own && timer.timer !== undefined ? { running: timer.timer?.item.key ?? null, onStart: timer.start } : null
            }
            onSave={saver.save}
            onInvalid={(item, day, message) => saver.setStatus(cellId(item.key, day), { state: 'refused', message })}
            onOpen={(row, cell) => setOpen({ key: row.item.key, date: cell.date })}
            onReload={reload}
            onRemoveRow={added.remove}
          />
          <AddRows sheet={sheet} shown={new Set(rows.map((row) => row.item.key))} userId={userId} onAdd={added.add} />
          <SlicePanel sheet={sheet} userId={userId} onChanged={grid.reload} />
        </>
      )}
      {openRow && openCell && (
        <CellWorklogsDialog
          row={openRow}
          cell={openCell}
          userId={userId}
          onChanged={(worklogs) => {
            grid.change((current) => withCell(current, openRow.item, openCell.date, worklogs));
            grid.refresh();
          }}
          onReload={() => {
            setOpen(null);
            reload();
          }}
          onClose={() => setOpen(null)}
        />
      )}
      {saver.teamChange && (
        <TeamChangedDialog
          change={saver.teamChange.change}
          busy={false}
          onConfirm={() => {
            const ask = saver.teamChange!;
            saver.setTeamChange(null);
            void saver.save(ask.item, ask.date, ask.seconds, true);
          }}
          onCancel={() => saver.setTeamChange(null)}
        />
      )}
    </section>
  );
}
