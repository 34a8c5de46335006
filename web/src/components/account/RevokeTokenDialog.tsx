import type { ApiToken } from '../../../../src/contracts.js';
import { accountApi } from '../../api/account.js';
import { useAction } from '../../useAction.js';
import { Dialog } from '../Dialog.js';
import { ErrorMessage } from '../ErrorMessage.js';

interface Props {
  token: ApiToken;
  onDone: () => void;
  onCancel: () => void;
}

/** Revoking a token stops every script that uses it at once; asked before it is done. */
export function RevokeTokenDialog({ token, onDone, onCancel }: Props) {
  const { busy, error, run } = useAction();
  const revoke = () =>
    run(async () => {
      await accountApi.revokeToken(token.id);
      onDone();
    });

  return (
    <Dialog title={`Revoke token ${token.name}`} onClose={onCancel}>
      <p>
        Scripts using the token <span className="token-prefix">{token.prefix}…</span> stop working at once. This cannot
        be undone; create a new token if you need one again.
      </p>
      <ErrorMessage error={error} />
      <div className="form-actions">
        <button type="button" className="button secondary" onClick={onCancel}>
          Cancel
        </button>
        <button type="button" className="button danger" disabled={busy} onClick={() => void revoke()}>
          {busy ? 'Revoking…' : 'Revoke token'}
        </button>
      </div>
    </Dialog>
  );
}
