import { diffLines } from './diff.js';

interface Props {
  before: unknown;
  after: unknown;
  hiddenFields: readonly string[];
}

/** Before and after as the fields that changed: field, old → new; what was added or removed; hidden money (PRICE-7). */
export function AuditDiff({ before, after, hiddenFields }: Props) {
  const lines = diffLines(before, after, hiddenFields);
  if (lines.length === 0) return <p className="muted audit-diff-none">No recorded fields changed.</p>;
  return (
    <dl className="audit-diff">
      {lines.map((line) => (
        <div key={`${line.kind}:${line.field}`} className={`audit-diff-line ${line.kind}`}>
          <dt>{line.field}</dt>
          <dd>
            {line.kind === 'changed' && (
              <>
                <del>{line.before}</del> → <ins>{line.after}</ins>
              </>
            )}
            {line.kind === 'added' && (
              <>
                <span className="audit-diff-tag">added</span> <ins>{line.after}</ins>
              </>
            )}
            {line.kind === 'removed' && (
              <>
                <span className="audit-diff-tag">removed</span> <del>{line.before}</del>
              </>
            )}
            {line.kind === 'hidden' && (
              <span className="audit-diff-tag hidden">hidden — money is not shown to you</span>
            )}
          </dd>
        </div>
      ))}
    </dl>
  );
}
