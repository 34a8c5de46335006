import { useId } from 'react';
import { formatDate } from '../dates.js';
import { actionLabel, layerLabel } from '../labels.js';
import { href } from '../router.js';
import type { Explanation, Reason } from '../../../src/contracts.js';

/**
 * Actions that depend on a date (logging work: the team and price-list check, PRICE-3): the explanation is asked
 * for the date the user is looking at, and says which date it was for (EXPL-1).
 */
export const DATED_ACTIONS: ReadonlySet<string> = new Set(['worklog.create']);

/** An explained decision (EXPL-1): the verdict, the rule that decided, and every layer consulted in order. */
export function ExplanationView({ explanation }: { explanation: Explanation }) {
  const { user, resource, allowed, deciding, layers, date } = explanation;
  const on = resource.key ? ` on ${resource.key}` : '';
  const layersId = useId();
  return (
    <section className="explanation" aria-label="Explanation">
      <p className={`verdict ${allowed ? 'allowed' : 'denied'}`} role="status">
        <strong>{allowed ? 'Allowed' : 'Denied'}</strong>: {user.displayName} ({user.login}) —{' '}
        {actionLabel(explanation.action)}
        {on}
        {date && (
          <>
            {' '}
            <span className="explained-for">(explained for {formatDate(date)})</span>
          </>
        )}
      </p>
      <div className="deciding" aria-label="Deciding rule" role="group">
        <h3>Deciding rule</h3>
        <ReasonText reason={deciding} />
      </div>
      <h3 id={layersId}>Layers consulted, in order</h3>
      <ol className="layers" aria-labelledby={layersId}>
        {layers.map((reason, index) => (
          <li key={index} className={`layer ${reason.outcome}`}>
            <ReasonText reason={reason} />
          </li>
        ))}
      </ol>
    </section>
  );
}

function ReasonText({ reason }: { reason: Reason }) {
  return (
    <p className="reason">
      <span className="layer-name">{layerLabel(reason.layer)}</span>{' '}
      <span className={`badge outcome-${reason.outcome}`}>{reason.outcome}</span> {reason.message}
      {reason.inheritedFrom && (
        <>
          {' '}
          <span className="inherited">
            (inherited from <a href={href.item(reason.inheritedFrom)}>{reason.inheritedFrom}</a>)
          </span>
        </>
      )}
    </p>
  );
}
