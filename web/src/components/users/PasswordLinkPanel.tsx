import type { PasswordLink } from '../../../../src/contracts.js';
import { passwordLinkUrl } from '../../api/users.js';
import { formatDateTime } from '../../dates.js';
import { CopyField } from '../CopyField.js';

/** A set-password link, shown this once (only its hash is kept): the address to hand on, with a copy button. */
export function PasswordLinkPanel({ login, link }: { login: string; link: PasswordLink }) {
  return (
    <section className="password-link" aria-label="Link to send">
      <p>
        Send this link to <strong>{login}</strong>. It is shown only now, works once, and expires on{' '}
        {formatDateTime(link.expiresAt)}. A newer link makes it stop working.
      </p>
      <CopyField label="Set-password link" value={passwordLinkUrl(link.token)} copyLabel="Copy link" />
    </section>
  );
}
