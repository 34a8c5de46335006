import { useEffect, useState } from 'react';
import type { Preview } from '../../../src/contracts.js';
import { ChangePreview } from './ChangePreview.js';
import { ErrorMessage } from './ErrorMessage.js';

interface Props {
  title: string;
  confirmLabel: string;
  loadPreview: () => Promise<Preview>;
  /** Makes the change; `acknowledged` when the user ticked what `acknowledge` asked of them. */
  apply: (acknowledged: boolean) => Promise<void>;
  /** What the user must tick before confirming, when the preview warns of something (a lockout); else null. */
  acknowledge?: (preview: Preview) => string | null;
  onDone: () => void;
  onCancel: () => void;
}

/** A removal shown with its preview first (EXPL-3), applied only on confirmation. */
export function ConfirmChange({ title, confirmLabel, loadPreview, apply, acknowledge, onDone, onCancel }: Props) {
  const [preview, setPreview] = useState<Preview | null>(null);
  const [acknowledged, setAcknowledged] = useState(false);
  const ask = preview && acknowledge ? acknowledge(preview) : null;
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
      await apply(acknowledged);
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
      {ask && (
        <label className="acknowledge">
          <input type="checkbox" checked={acknowledged} onChange={(e) => setAcknowledged(e.target.checked)} /> {ask}
        </label>
      )}
      <ErrorMessage error={error} />
      <div className="form-actions start">
        <button type="button" className="button danger" onClick={confirm} disabled={busy || (!!ask && !acknowledged)}>
          {confirmLabel}
        </button>
        <button type="button" className="button secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </section>
  );
}
