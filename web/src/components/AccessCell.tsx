import { layerLabel } from '../labels.js';
import type { AccessAnswer } from '../../../src/contracts.js';

/** One yes/no answer of "who has access", with the rule that gave it. */
export function AccessCell({ answer }: { answer: AccessAnswer }) {
  return (
    <td className={answer.allowed ? 'access-yes' : 'access-no'}>
      <strong>{answer.allowed ? 'Yes' : 'No'}</strong>
      <div className="why muted">
        {layerLabel(answer.layer)}: {answer.why}
      </div>
    </td>
  );
}
