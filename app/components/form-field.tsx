// One labelled control of a Conform form, with its error beside it (linked by aria-describedby)
// and an optional hint: the same markup works with and without JavaScript.
import type { FieldMetadata } from "@conform-to/react";
import type { ReactNode } from "react";

// biome-ignore lint/suspicious/noExplicitAny: a field of any schema
export type AnyField = FieldMetadata<any, any, any>;

export function FieldError({ field }: { field: AnyField }) {
  return field.errors?.length ? (
    <p id={field.errorId} className="field-error">
      {field.errors.join(" ")}
    </p>
  ) : null;
}

export function Field({ field, label, hint, children }: { field: AnyField; label: string; hint?: ReactNode; children: ReactNode }) {
  return (
    <div className="field">
      <label htmlFor={field.id}>{label}</label>
      {hint ? (
        <p id={field.descriptionId} className="hint">
          {hint}
        </p>
      ) : null}
      {children}
      <FieldError field={field} />
    </div>
  );
}
