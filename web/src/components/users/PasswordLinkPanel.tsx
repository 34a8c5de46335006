import { useId, useRef, useState } from 'react';
import type { PasswordLink } from '../../../../src/contracts.js';
import { passwordLinkUrl } from '../../api/users.js';
import { formatDateTime } from '../../dates.js';

/**
 * A set-password link, shown this once (only its hash is kept): the address to hand on, with a copy button. Where the
 * clipboard is not available the address is selected, ready to copy by hand.
 */
export function PasswordLinkPanel({ login, link }: { login: string; link: PasswordLink }) {
  const url = passwordLinkUrl(link.token);
  const input = useRef<HTMLInputElement>(null);
  const hintId = useId();
  const [copied, setCopied] = useState<'yes' | 'select' | null>(null);

  async function copy() {
    try {
      await navigator.clipboard.writeText(url);
      setCopied('yes');
    } catch {
      input.current?.select();
      setCopied('select');
    }
  }

  return (
    <section className="password-link" aria-label="Link to send">
      <p>
        Send this link to <strong>{login}</strong>. It is shown only now, works once, and expires on{' '}
        {formatDateTime(link.expiresAt)}. A newer link makes it stop working.
      </p>
      <div className="password-link-row">
        <label className="password-link-field">
          Set-password link
          <input ref={input} readOnly value={url} aria-describedby={hintId} onFocus={(e) => e.target.select()} />
        </label>
        <button type="button" className="button" onClick={() => void copy()}>
          Copy link
        </button>
      </div>
      <p id={hintId} className="muted" role="status">
        {copied === 'yes' ? 'Copied.' : copied === 'select' ? 'The link is selected: copy it with Ctrl+C or ⌘C.' : ''}
      </p>
    </section>
  );
}
