import { useEffect, useState } from 'react';
import type { Preview } from '../../../src/contracts.js';
import { ChangePreview } from './ChangePreview.js';
import { ErrorMessage } from './ErrorMessage.js';

interface Props {
  title: string;
  confirmLabel: string;
  loadPreview: () => Promise<Preview>;
  apply: () => Promise<void>;
  onDone: () => void;
  onCancel: () => void;
}

/** A removal shown with its preview first (EXPL-3), applied only on confirmation. */
export function ConfirmChange({ title, confirmLabel, loadPreview, apply, onDone, onCancel }: Props) {
  const [preview, setPreview] = useState<Preview | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let current = true;
    loadPreview().then(
      (loaded) => current && setPreview(loaded),
      (failure: unknown) => current && setError(failure),
    );
    return () => {
      current = false;
    };
    // The preview is for the change this panel was opened for; a new change mounts a new panel.
  }, []);

  async function confirm() {
    setBusy(true);
    setError(null);
    try {
      await apply();
      onDone();
    } catch (failure) {
      setError(failure);
      setBusy(false);
    }
  }

  return (
    <section className="confirm-change" aria-label={title}>
      <h3>{title}</h3>
      {preview ? (
        <ChangePreview preview={preview} title="Whose access changes" />
      ) : (
        !error && <p className="muted">Loading preview…</p>
      )}
      <ErrorMessage error={error} />
      <div className="form-actions start">
        <button type="button" className="button danger" onClick={confirm} disabled={busy}>
          {confirmLabel}
        </button>
        <button type="button" className="button secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </section>
  );
}
