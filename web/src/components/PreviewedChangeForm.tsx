import { useEffect, useId, useState, type FormEvent, type ReactNode } from 'react';
import type { Preview } from '../../../src/contracts.js';
import { useAction } from '../useAction.js';
import { useFieldErrors, type FieldErrors } from '../useFieldErrors.js';
import { ChangePreview } from './ChangePreview.js';
import { ErrorMessage } from './ErrorMessage.js';

interface Props<C> {
  title: string;
  /** The change as the form stands; null while it is incomplete. */
  change: C | null;
  /** The API fields the form's inputs set, whose refusals show at the inputs (API-5). */
  fields: readonly string[];
  loadPreview: (change: C) => Promise<Preview>;
  apply: (change: C) => Promise<unknown>;
  onApplied: () => void;
  applyLabel: string;
  applyClassName: string;
  /** The change is made only once its preview is shown (EXPL-3 before every save, not on request). */
  requirePreview?: boolean;
  /** A failure to load what the form offers, shown where the form shows its own. */
  loadError?: unknown;
  /** The form's inputs. */
  children: (errors: FieldErrors) => ReactNode;
}

/** A change of access that can be previewed first (EXPL-3) and is made on submit; changing an input drops the preview. */
export function PreviewedChangeForm<C>(props: Props<C>) {
  const { title, change, fields, loadPreview, apply, onApplied, applyLabel, applyClassName, loadError } = props;
  const waitsForPreview = props.requirePreview === true;
  const titleId = useId();
  const [preview, setPreview] = useState<Preview | null>(null);
  const { busy, error, run } = useAction();
  const errors = useFieldErrors(error, fields);
  const changeKey = JSON.stringify(change);
  useEffect(() => setPreview(null), [changeKey]);
  const showPreview = (shown: C) => run(async () => setPreview(await loadPreview(shown)));

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!change) return;
    // Enter in a field of a form that waits for its preview shows the preview first.
    if (waitsForPreview && !preview) return void showPreview(change);
    void run(async () => {
      await apply(change);
      setPreview(null);
      onApplied();
    });
  }

  return (
    <form onSubmit={submit} className="form panel" aria-labelledby={titleId}>
      <h3 id={titleId}>{title}</h3>
      {props.children(errors)}
      <ErrorMessage error={loadError ?? errors.rest} />
      <div className="form-actions start">
        <button
          type="button"
          className="button secondary"
          disabled={busy || !change}
          onClick={() => change && showPreview(change)}
        >
          Preview
        </button>
        <button type="submit" className={applyClassName} disabled={busy || !change || (waitsForPreview && !preview)}>
          {applyLabel}
        </button>
      </div>
      {preview && <ChangePreview preview={preview} />}
    </form>
  );
}
