import { useId, useState } from 'react';

/**
 * A small "add a row by name" control (a category, an item code, a tax name, a payment method):
 * a text field with suggestions from what the records named, and a button. No form element, so
 * it can sit inside whatever form the page wraps the sections in; Enter adds too.
 */
export function AddKey(props: {
  label: string;
  button: string;
  /** Why the name cannot be added, or null. */
  check: (name: string) => string | null;
  onAdd: (name: string) => void;
  suggestions?: { value: string; label?: string }[];
  maxLength?: number;
}) {
  const id = useId();
  const [name, setName] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const add = () => {
    const found = props.check(name);
    setProblem(found);
    if (found) return;
    props.onAdd(name.trim());
    setName('');
  };
  return (
    <div className="row add-key">
      <label htmlFor={id}>{props.label}</label>
      <input
        id={id}
        type="text"
        value={name}
        maxLength={props.maxLength ?? 100}
        list={props.suggestions?.length ? `${id}-suggestions` : undefined}
        aria-invalid={problem ? true : undefined}
        aria-describedby={problem ? `${id}-problem` : undefined}
        onChange={(e) => {
          setName(e.target.value);
          setProblem(null);
        }}
        onKeyDown={(e) => {
          if (e.key !== 'Enter') return;
          e.preventDefault();
          add();
        }}
      />
      {props.suggestions && props.suggestions.length > 0 && (
        <datalist id={`${id}-suggestions`}>
          {props.suggestions.map((s) => (
            <option key={s.value} value={s.value}>
              {s.label}
            </option>
          ))}
        </datalist>
      )}
      <button type="button" onClick={add}>
        {props.button}
      </button>
      {problem && (
        <span id={`${id}-problem`} className="field-note error">
          {problem}
        </span>
      )}
    </div>
  );
}

/** The rule for a name used as a key of the settings' maps (the schema's label rule). */
export function keyNameProblem(existing: string[], name: string, maxLength = 100): string | null {
  const trimmed = name.trim();
  if (trimmed === '') return 'Type a name.';
  if (trimmed.length > maxLength) return `At most ${maxLength} characters.`;
  if (/[<>]/.test(trimmed)) return 'It must not contain < or >.';
  if (existing.includes(trimmed)) return `“${trimmed}” is already listed.`;
  return null;
}

/** Rows in a stable order: first those the records named, then mapped ones, then those just added. */
export function unionKeys(...lists: string[][]): string[] {
  return [...new Set(lists.flat())];
}
