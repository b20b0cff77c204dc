import { useEffect, useRef } from 'react';

interface Props {
  /** The document to void ("Invoice HS-1042 · Jane Citizen"); null: the dialog is closed. */
  document: string | null;
  busy: boolean;
  error: string | null;
  onConfirm: () => void;
  onCancel: () => void;
}

/**
 * Asks before "Void in Xero": a voided invoice stays in Xero as VOIDED and its number cannot be
 * used again. A native modal <dialog> keeps focus inside; focus goes back to the button that
 * opened it when it closes.
 */
export function VoidDialog({ document, busy, error, onConfirm, onCancel }: Props) {
  const dialog = useRef<HTMLDialogElement>(null);
  const opener = useRef<Element | null>(null);
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (document && !element.open) {
      opener.current = globalThis.document.activeElement;
      element.showModal();
    } else if (!document && element.open) {
      element.close();
      if (opener.current instanceof HTMLElement) opener.current.focus();
    }
  }, [document]);
  return (
    <dialog
      ref={dialog}
      aria-labelledby="void-title"
      aria-describedby="void-what"
      className="log-dialog"
      onCancel={(event) => {
        event.preventDefault();
        onCancel();
      }}
    >
      <h2 id="void-title">Void in Xero?</h2>
      <p id="void-what">
        <strong>{document}</strong> was deleted in the PMS. Voiding it in Xero cancels it there for good: it
        stays in Xero as VOIDED and its number cannot be used again. Payments on it must be removed in Xero
        first.
      </p>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <div className="row">
        <button type="button" className="primary" onClick={onConfirm} disabled={busy}>
          Yes, void in Xero
        </button>
        <button type="button" onClick={onCancel} disabled={busy}>
          Keep it
        </button>
      </div>
    </dialog>
  );
}
