import { href } from '../router.js';
import type { Item } from '../../../src/contracts.js';

/** Projects › project › ancestors › this item. */
export function Breadcrumb({ item }: { item: Item }) {
  const ancestors = item.path.filter((step) => step.key !== item.key);
  return (
    <nav aria-label="Breadcrumb" className="breadcrumb">
      <ol>
        <li>
          <a href={href.projects()}>Projects</a>
        </li>
        <li>
          <a href={href.project(item.projectKey)}>{item.projectKey}</a>
        </li>
        {ancestors.map((step) => (
          <li key={step.key}>
            <a href={href.item(step.key)} title={step.title}>
              {step.key} {step.title}
            </a>
          </li>
        ))}
        <li aria-current="page">{item.key}</li>
      </ol>
    </nav>
  );
}
