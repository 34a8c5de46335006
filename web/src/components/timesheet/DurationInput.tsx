import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { describeDuration, DURATION_HELP, readDuration } from '../../duration.js';

interface Props {
  label: string;
  initial: string;
  busy: boolean;
  submitLabel: string;
  onSubmit: (seconds: number) => void;
  /** Buttons after the submit button. */
  extra?: ReactNode;
}

/** A duration field with its parsed value shown as it is typed (WL-6), and its button. */
export function DurationInput({ label, initial, busy, submitLabel, onSubmit, extra }: Props) {
  const [text, setText] = useState(initial);
  const [tried, setTried] = useState(false);
  const hintId = useId();
  const reading = readDuration(text);

  function submit(event: FormEvent) {
    event.preventDefault();
    setTried(true);
    if (reading.seconds !== undefined) onSubmit(reading.seconds);
  }

  const invalid = reading.error !== undefined && (tried || text.trim() !== '');
  return (
    <form className="ts-duration-form" onSubmit={submit} noValidate>
      <label>
        {label}
        <input
          value={text}
          onChange={(event) => setText(event.target.value)}
          aria-describedby={hintId}
          aria-invalid={invalid ? true : undefined}
          placeholder="1h 30m"
          autoComplete="off"
        />
      </label>
      <button type="submit" className="button small" disabled={busy}>
        {submitLabel}
      </button>
      {extra}
      <p id={hintId} className={invalid ? 'error ts-duration-hint' : 'hint ts-duration-hint'} aria-live="polite">
        {reading.seconds !== undefined
          ? `= ${describeDuration(reading.seconds)}`
          : invalid
            ? reading.error
            : DURATION_HELP}
      </p>
    </form>
  );
}
