import { useId, useRef, useState } from 'react';

/**
 * A value to copy (a secret shown this once): read-only, selected on focus, with a copy button. Where the clipboard is
 * not available the value is selected instead, ready to copy by hand.
 */
export function CopyField({ label, value, copyLabel }: { label: string; value: string; copyLabel: string }) {
  const input = useRef<HTMLInputElement>(null);
  const hintId = useId();
  const [copied, setCopied] = useState<'yes' | 'select' | null>(null);

  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setCopied('yes');
    } catch {
      input.current?.select();
      setCopied('select');
    }
  }

  return (
    <>
      <div className="copy-field">
        <label className="copy-field-label">
          {label}
          <input ref={input} readOnly value={value} aria-describedby={hintId} onFocus={(e) => e.target.select()} />
        </label>
        <button type="button" className="button" onClick={() => void copy()}>
          {copyLabel}
        </button>
      </div>
      <p id={hintId} className="muted copy-field-hint" role="status">
        {copied === 'yes' ? 'Copied.' : copied === 'select' ? 'Selected: copy it with Ctrl+C or ⌘C.' : ''}
      </p>
    </>
  );
}
