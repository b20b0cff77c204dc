/**
 * Under a field in a clinic's scope: what the clinic inherits from the defaults, with Override
 * (the clinic keeps its own copy, starting from the inherited value); or, when the clinic has its
 * own value, Use default (the clinic's key is removed and the default applies again).
 */
export function ScopeNote(props: {
  clinicId: string | null | undefined;
  own: boolean;
  /** How the inherited value reads, or null when the defaults do not set it. */
  inherited: string | null;
  /** The field's label, to name the buttons. */
  label: string;
  onOverride: (() => void) | null;
  onUseDefault: () => void;
}) {
  if (!props.clinicId) return null;
  if (props.own) {
    return (
      <span className="scope-note">
        <span className="muted">Overridden for this clinic</span>{' '}
        <button
          type="button"
          className="small"
          aria-label={`Use default for ${props.label}`}
          onClick={props.onUseDefault}
        >
          Use default
        </button>
      </span>
    );
  }
  return (
    <span className="scope-note">
      <span className="muted">Inherited: {props.inherited ?? 'not set in the defaults'}</span>
      {props.onOverride && (
        <>
          {' '}
          <button
            type="button"
            className="small"
            aria-label={`Override ${props.label}`}
            onClick={props.onOverride}
          >
            Override
          </button>
        </>
      )}
    </span>
  );
}
