import { useEffect, useRef, useState, type ReactNode } from 'react';

export interface DialogButton {
  label: string;
  value: string;
  primary?: boolean;
}

export interface DialogProps {
  title: string;
  message?: ReactNode;
  /** Show a text field prefilled with this value. */
  input?: string;
  buttons: DialogButton[];
  /** What was wrong with the last answer (the dialog stays open, the field keeps its text). */
  error?: string;
  /** Called with the button's value (and the field's text); Escape gives 'cancel'. */
  onClose: (value: string, input: string) => void;
}

/**
 * A modal dialog built on <dialog>: window.prompt/confirm do not exist in
 * Electron's renderer, and a real dialog keeps focus and Escape handling right.
 */
export function Dialog({ title, message, input, buttons, error, onClose }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const [text, setText] = useState(input ?? '');
  useEffect(() => {
    const d = ref.current!;
    if (!d.open) d.showModal();
    return () => d.close();
  }, []);
  const primary = buttons.find((b) => b.primary) ?? buttons[0]!;
  return (
    <dialog
      ref={ref}
      className="modal"
      aria-label={title}
      onCancel={(e) => {
        e.preventDefault();
        onClose('cancel', text);
      }}
    >
      <form
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault();
          onClose(primary.value, text);
        }}
      >
        <h3>{title}</h3>
        {message ? <div className="modal-message">{message}</div> : null}
        {input !== undefined ? <input className="modal-input" autoFocus value={text} onChange={(e) => setText(e.target.value)} aria-label={title} /> : null}
        {error ? (
          <p className="modal-error banner banner-error" role="alert">
            {error}
          </p>
        ) : null}
        <div className="modal-buttons">
          {buttons.map((b) => (
            <button key={b.value} type={b === primary ? 'submit' : 'button'} className={b.primary ? 'primary' : ''} onClick={b === primary ? undefined : () => onClose(b.value, text)}>
              {b.label}
            </button>
          ))}
        </div>
      </form>
    </dialog>
  );
}
