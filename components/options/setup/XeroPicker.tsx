import type { ReactNode } from 'react';
import type { ListsState } from './use-organisation-lists';

export interface PickerOption {
  value: string;
  label: string;
}

export interface XeroPickerProps {
  /** The field's element id: `fieldId(path)`. */
  id: string;
  /** The accessible name; shown as a visible label unless `hideLabel` (a table's column says it). */
  label: string;
  hideLabel?: boolean;
  state: ListsState;
  /** What may be chosen (already filtered by Xero's rules); only read when the lists are ready. */
  options: PickerOption[];
  value: string | null | undefined;
  /** How a current value that is not offered reads (archived, gone, not allowed here). */
  currentLabel: (value: string) => string;
  /** Why the current value cannot be used, shown next to the field; null when it is fine. */
  problem: string | null;
  /** The validation message for this path. */
  error?: string | undefined;
  /** The empty choice, e.g. "— Not mapped —". */
  emptyLabel: string;
  onChange: (value: string | null) => void;
  /** Inheritance note and Override / Use default, under the field. */
  children?: ReactNode;
}

/**
 * A select over one of the organisation's live lists. A current value Xero no longer offers stays
 * selected (so nothing changes behind the user's back) and is flagged until another is picked.
 * Without an organisation, or while Xero cannot be read, the current value is shown but cannot be
 * changed: codes come from Xero, never typed.
 */
export function XeroPicker(props: XeroPickerProps) {
  const { id, label, hideLabel, state, value, problem, error, emptyLabel, children } = props;
  const problemId = `${id}-problem`;
  const errorId = `${id}-error`;
  const noteId = `${id}-note`;
  const current = value ?? '';

  let control: ReactNode;
  let note: string | null = null;
  if (state.status === 'loading') {
    control = <span className="skeleton skeleton-select" aria-hidden="true" />;
  } else if (state.status !== 'ready') {
    if (state.status === 'no-organisation') note = 'Choose an organisation first';
    control = (
      <select
        id={id}
        disabled
        value={current}
        aria-label={hideLabel ? label : undefined}
        aria-describedby={[note && noteId, error && errorId].filter(Boolean).join(' ') || undefined}
        aria-invalid={error ? true : undefined}
      >
        <option value={current}>{current ? props.currentLabel(current) : emptyLabel}</option>
      </select>
    );
  } else {
    const offered = props.options.some((o) => o.value === current);
    const describedBy = [problem && problemId, error && errorId].filter(Boolean).join(' ') || undefined;
    control = (
      <select
        id={id}
        value={current}
        aria-label={hideLabel ? label : undefined}
        aria-invalid={problem || error ? true : undefined}
        aria-describedby={describedBy}
        onChange={(e) => props.onChange(e.target.value === '' ? null : e.target.value)}
      >
        <option value="">{emptyLabel}</option>
        {current !== '' && !offered && <option value={current}>{props.currentLabel(current)}</option>}
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    );
  }

  return (
    <div className="picker">
      {!hideLabel && <label htmlFor={id}>{label}</label>}
      {control}
      {note && (
        <span id={noteId} className="field-note muted">
          {note}
        </span>
      )}
      {state.status === 'ready' && problem && (
        <span id={problemId} className="field-note error">
          {problem}
        </span>
      )}
      {error && (
        <span id={errorId} className="field-note error">
          {error}
        </span>
      )}
      {children}
    </div>
  );
}
