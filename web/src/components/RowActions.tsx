import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import './RowActions.css';

/** The last cell of a row: its buttons. */
export function RowActions({ children }: { children: ReactNode }) {
  return (
    <td>
      <div className="row-actions">{children}</div>
    </td>
  );
}

/** A row's Edit and Delete, each where the row's abilities allow; `what` names the row to screen readers. */
export function EditDeleteActions(props: {
  abilities: { canEdit: boolean; canDelete: boolean };
  what?: string;
  busy?: boolean;
  onEdit: () => void;
  onDelete: () => void;
}) {
  const { abilities, what, busy, onEdit, onDelete } = props;
  return (
    <RowActions>
      {abilities.canEdit && (
        <RowButton name={what && `Edit ${what}`} onClick={onEdit}>
          Edit
        </RowButton>
      )}
      {abilities.canDelete && (
        <RowButton danger name={what && `Delete ${what}`} disabled={busy} onClick={onDelete}>
          Delete
        </RowButton>
      )}
    </RowActions>
  );
}

interface Props {
  children: ReactNode;
  /** The accessible name when the text alone does not say which row it acts on. */
  name?: string;
  danger?: boolean;
  disabled?: boolean;
  onClick: () => void;
}

/** A small button acting on one table row. */
export function RowButton({ children, name, danger = false, disabled, onClick }: Props) {
  return (
    <button
      type="button"
      className={danger ? 'button small danger' : 'button small secondary'}
      aria-label={name}
      disabled={disabled}
      onClick={onClick}
    >
      {children}
    </button>
  );
}

/** One entry of a row's menu. */
export interface MenuEntry {
  label: string;
  onSelect: () => void;
  danger?: boolean;
}

interface MenuProps {
  /** The menu button's accessible name, e.g. "Actions for ACME-3". */
  name: string;
  /** The entries; null while they load (`onOpen` may fetch what decides them). */
  entries: MenuEntry[] | null;
  onOpen?: () => void;
  /** The button's id, so a keyboard shortcut elsewhere (a tree's Shift+F10) can open it. */
  id?: string;
  tabIndex?: number;
  /** Where focus goes back when the menu closes by Escape or an entry: the button, unless this names another element. */
  returnFocusTo?: () => HTMLElement | null | undefined;
}

/**
 * A row's actions as a menu button (WAI-ARIA menu button): Enter, Space or a click opens it on its first entry;
 * arrows, Home and End move; Escape closes it and gives focus back to the button; Tab or a click outside closes it.
 */
export function RowMenu({ name, entries, onOpen, id, tabIndex, returnFocusTo }: MenuProps) {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLUListElement>(null);
  const menuId = useId();
  const items = () => Array.from(menu.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? []);

  useEffect(() => {
    if (open && entries) items()[0]?.focus();
  }, [open, entries !== null]);

  useEffect(() => {
    if (!open) return;
    const outside = (event: MouseEvent) => {
      const target = event.target as Node;
      if (!menu.current?.contains(target) && !button.current?.contains(target)) setOpen(false);
    };
    document.addEventListener('mousedown', outside);
    return () => document.removeEventListener('mousedown', outside);
  }, [open]);

  function close(refocus: boolean) {
    setOpen(false);
    if (refocus) (returnFocusTo?.() ?? button.current)?.focus();
  }

  function onKeyDown(event: KeyboardEvent<HTMLUListElement>) {
    const all = items();
    const at = all.indexOf(document.activeElement as HTMLElement);
    const go = (index: number) => all[(index + all.length) % all.length]?.focus();
    const keys: Record<string, () => void> = {
      ArrowDown: () => go(at + 1),
      ArrowUp: () => go(at - 1),
      Home: () => go(0),
      End: () => go(all.length - 1),
      Escape: () => close(true),
    };
    if (event.key === 'Tab') return setOpen(false);
    const handler = keys[event.key];
    if (!handler) return;
    event.preventDefault();
    event.stopPropagation();
    handler();
  }

  return (
    <div className="row-menu">
      <button
        ref={button}
        id={id}
        type="button"
        className="button small secondary row-menu-button"
        aria-label={name}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        tabIndex={tabIndex}
        onClick={() => {
          if (!open) onOpen?.();
          setOpen(!open);
        }}
      >
        <span aria-hidden="true">⋯</span>
      </button>
      {open && (
        <ul ref={menu} id={menuId} role="menu" aria-label={name} className="row-menu-list" onKeyDown={onKeyDown}>
          {entries === null ? (
            <li role="none" className="muted row-menu-note">
              Loading…
            </li>
          ) : (
            entries.map((entry) => (
              <li role="none" key={entry.label}>
                <button
                  type="button"
                  role="menuitem"
                  tabIndex={-1}
                  className={entry.danger ? 'row-menu-item danger' : 'row-menu-item'}
                  onClick={() => {
                    close(true);
                    entry.onSelect();
                  }}
                >
                  {entry.label}
                </button>
              </li>
            ))
          )}
        </ul>
      )}
    </div>
  );
}
