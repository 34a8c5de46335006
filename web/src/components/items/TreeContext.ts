import { createContext, useContext } from 'react';
import type { Item } from '../../../../src/contracts.js';
import type { MenuEntry } from '../RowActions.js';

/** What every level and row of one work-item tree shares: its refresh, expansion, keyboard focus and drag state. */
export interface TreeState {
  projectKey: string;
  /** Bumped after a change: every shown level refetches, keeping what is expanded. */
  version: number;
  isExpanded: (key: string) => boolean;
  setExpanded: (key: string, open: boolean) => void;
  /** The row the keyboard is on (aria-activedescendant of the tree). */
  active: string | null;
  setActive: (key: string) => void;
  /** The row being dragged, if any. */
  dragging: string | null;
  setDragging: (key: string | null) => void;
  /** Moves the dragged item under `parentKey` (null: the top level); a refusal shows above the tree. */
  drop: (parentKey: string | null) => void;
  /** The actions an item's menu offers, as its abilities allow. */
  entriesOf: (item: Item) => MenuEntry[];
}

export const TreeContext = createContext<TreeState | null>(null);

export function useTree(): TreeState | null {
  return useContext(TreeContext);
}

/** The element ids of a row and of its menu button, for aria-activedescendant and the keyboard's Shift+F10. */
export const rowId = (key: string) => `treeitem-${key}`;
export const menuId = (key: string) => `treeitem-actions-${key}`;
