import type { WorklogPreview } from '../../../src/contracts.js';
import { ErrorMessage } from './ErrorMessage.js';
import { WorklogTeamFacts } from './WorklogTeamFacts.js';

interface Props {
  preview: WorklogPreview | undefined;
  error: unknown;
}

/**
 * What logging work on the chosen date would record, or why it may not (PRICE-3), as the server previews it —
 * shown before the user submits.
 */
export function WorklogPreviewPanel({ preview, error }: Props) {
  return (
    <section
      className={preview?.allowed === false ? 'worklog-preview refused' : 'worklog-preview'}
      aria-label="Team and price list"
      aria-live="polite"
    >
      <ErrorMessage error={error} />
      {preview &&
        (preview.allowed ? (
          <>
            {preview.team ? (
              <>
                <h3>This work log will record</h3>
                <WorklogTeamFacts
                  team={preview.team}
                  priceList={preview.priceList}
                  rate={preview.rate}
                  currency={preview.currency}
                />
              </>
            ) : (
              <p className="hint-inline">This work log will record no team or price list.</p>
            )}
            {preview.teamChecks !== 'on' && (
              <p className="hint-inline muted">Team & price-list checks are off for this project.</p>
            )}
          </>
        ) : (
          <p className="error">{preview.message}</p>
        ))}
    </section>
  );
}
