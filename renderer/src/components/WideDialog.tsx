import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export interface WideDialogProps {
  title: string;
  /** Buttons (and hints) at the bottom; the body scrolls, these stay in view. */
  footer?: ReactNode;
  children: ReactNode;
  /** Escape, the × button or the caller's own buttons. */
  onClose: () => void;
}

/**
 * A large modal for reading long content such as a side-by-side diff: the
 * right pane is too narrow for two columns of Chinese text. Built on
 * <dialog> like Dialog, so focus and Escape behave the same.
 */
export function WideDialog({ title, footer, children, onClose }: WideDialogProps) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current!;
    if (!d.open) d.showModal();
    return () => d.close();
  }, []);
  return (
    <dialog
      ref={ref}
      className="modal modal-wide"
      aria-label={title}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <div className="modal-wide-head">
        <h3>{title}</h3>
        <span className="spacer" />
        <button className="icon-button" onClick={onClose} aria-label={t('history.close')} title={t('history.close')}>
          ×
        </button>
      </div>
      <div className="modal-wide-body">{children}</div>
      {footer ? <div className="modal-wide-foot">{footer}</div> : null}
    </dialog>
  );
}
