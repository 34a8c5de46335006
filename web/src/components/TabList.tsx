interface Props<Id extends string> {
  /** The accessible name of the tab list. */
  label: string;
  tabs: readonly { id: Id; label: string }[];
  active: Id;
  onSelect: (id: Id) => void;
  /** Prefixes the ids: tab `<prefix>tab-<id>` controls panel `<prefix>panel-<id>`. */
  idPrefix?: string;
}

/** The tabs above a tab panel, whose id is `<prefix>panel-<active>` and is labelled by `<prefix>tab-<active>`. */
export function TabList<Id extends string>({ label, tabs, active, onSelect, idPrefix = '' }: Props<Id>) {
  return (
    <div role="tablist" aria-label={label} className="tabs">
      {tabs.map((t) => (
        <button
          key={t.id}
          type="button"
          role="tab"
          id={`${idPrefix}tab-${t.id}`}
          aria-selected={active === t.id}
          aria-controls={`${idPrefix}panel-${t.id}`}
          className="tab"
          onClick={() => onSelect(t.id)}
        >
          {t.label}
        </button>
      ))}
    </div>
  );
}
