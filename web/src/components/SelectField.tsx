import { useId, type ReactNode } from 'react';

interface Props {
  label: string;
  value: string | number;
  onChange: (value: string) => void;
  disabled?: boolean;
  children: ReactNode;
}

/**
 * A labelled select. The label points at the select instead of wrapping it, so the select's name is just
 * the label — a wrapping label would also read out the chosen option.
 */
export function SelectField({ label, value, onChange, disabled, children }: Props) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)} disabled={disabled}>
        {children}
      </select>
    </div>
  );
}
