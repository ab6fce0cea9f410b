/** Error text tied to a field (aria-describedby) or to a whole form (announced). */
export function FieldError({ id, message }: { id: string; message?: string }) {
  return (
    <p id={id} className="field-error" hidden={!message}>
      {message}
    </p>
  );
}

export function FormError({ id, message }: { id: string; message?: string }) {
  return (
    <p id={id} className="form-error" role="alert" hidden={!message}>
      {message}
    </p>
  );
}
