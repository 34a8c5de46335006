import { useEffect, useState } from 'react';
import type { RunningTimer, Worklog } from '../../../../src/contracts.js';
import { timesheetsApi } from '../../api/timesheets.js';
import { formatDuration } from '../../duration.js';
import { href } from '../../router.js';
import { ErrorMessage } from '../ErrorMessage.js';

/**
 * The caller's one running timer: read from the server, so it survives a reload. Stopping writes a work log of the
 * elapsed time (at least a minute, dated today) and the grid reloads.
 */
export function useTimer(onStopped: (worklog: Worklog) => void) {
  /** undefined until the server has answered. */
  const [timer, setTimer] = useState<RunningTimer | null | undefined>(undefined);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState('');

  useEffect(() => {
    timesheetsApi.timer().then((answer) => setTimer(answer.timer), setError);
  }, []);

  async function act(action: () => Promise<void>) {
    setBusy(true);
    setError(null);
    setMessage('');
    try {
      await action();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  }

  const start = (itemKey: string) =>
    act(async () => {
      setTimer((await timesheetsApi.startTimer(itemKey)).timer);
      setMessage(`Timer started on ${itemKey}.`);
    });
  const stop = () =>
    act(async () => {
      const { worklog } = await timesheetsApi.stopTimer();
      setTimer(null);
      setMessage(`Logged ${formatDuration(worklog.durationSeconds)} on ${worklog.item.key}.`);
      onStopped(worklog);
    });
  const discard = () =>
    act(async () => {
      await timesheetsApi.discardTimer();
      setTimer(null);
      setMessage('Timer discarded; nothing was logged.');
    });

  return { timer, error, busy, message, start, stop, discard };
}

/** "1:05:09": hours, minutes and seconds since the start. */
function elapsed(startedAt: string, now: number): string {
  const seconds = Math.max(0, Math.floor((now - new Date(startedAt).getTime()) / 1000));
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${Math.floor(seconds / 3600)}:${pad(Math.floor(seconds / 60) % 60)}:${pad(seconds % 60)}`;
}

export function TimerBar({ state }: { state: ReturnType<typeof useTimer> }) {
  const { timer, busy, error, message } = state;
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!timer) return;
    setNow(Date.now());
    const tick = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(tick);
  }, [timer]);

  return (
    <section className="ts-timer" aria-label="Timer">
      {timer ? (
        <>
          <span className="ts-timer-what">
            Timer on{' '}
            <a href={href.item(timer.item.key)} className="key">
              {timer.item.key}
            </a>{' '}
            {timer.item.title}
          </span>
          <span role="timer" className="ts-elapsed">
            <span className="visually-hidden">Elapsed </span>
            {elapsed(timer.startedAt, now)}
          </span>
          <button type="button" className="button small" disabled={busy} onClick={state.stop}>
            Stop and log
          </button>
          <button type="button" className="button secondary small" disabled={busy} onClick={state.discard}>
            Discard
          </button>
        </>
      ) : (
        timer === null && <span className="muted">No timer running. Start one from a row of the grid.</span>
      )}
      <span className="ts-timer-message" aria-live="polite">
        {message}
      </span>
      <ErrorMessage error={error} />
    </section>
  );
}
