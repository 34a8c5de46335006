import { useState } from 'react';
import { href } from '../router.js';
import type { ItemSummary } from '../../../src/contracts.js';
import { ItemTree } from './ItemTree.js';
import { StatusBadge } from './StatusBadge.js';

interface Props {
  projectKey: string;
  item: ItemSummary;
}

export function ItemTreeNode({ projectKey, item }: Props) {
  const [expanded, setExpanded] = useState(false);
  return (
    <li>
      <div className="tree-row">
        {item.hasChildren ? (
          <button
            type="button"
            className="tree-toggle"
            aria-expanded={expanded}
            aria-label={`${expanded ? 'Collapse' : 'Expand'} ${item.key}`}
            onClick={() => setExpanded((open) => !open)}
          >
            <span aria-hidden="true">{expanded ? '▾' : '▸'}</span>
          </button>
        ) : (
          <span className="tree-toggle-spacer" />
        )}
        <a href={href.item(item.key)} className="tree-link">
          <span className="key">{item.key}</span> {item.title}
        </a>
        <StatusBadge status={item.status} />
      </div>
      {expanded && (
        <div className="tree-children">
          <ItemTree projectKey={projectKey} parentKey={item.key} />
        </div>
      )}
    </li>
  );
}
