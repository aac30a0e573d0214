// One form mechanism for every entity: values stay as typed (strings), the input schema of the
// API method checks them on submit with the same messages the services give, and a refusal from
// the record (duplicate UAI, overlapping notification) lands next to its field. Nothing typed is
// cleared by an error.
import { useId, useRef, useState, type ReactNode } from 'react';
import type { z } from 'zod';
import { ApiError } from '../../../shared/api/errors.ts';
import { issuesOf } from '../../../shared/api/dispatch.ts';
import { countOf } from '../../../shared/domain/french.ts';

export type FormValue = string | boolean | number[];
export type FormValues = Record<string, FormValue>;

export interface Form<Input = FormValues> {
  values: FormValues;
  errors: Record<string, string>;
  formError: string | null;
  submitting: boolean;
  set(name: string, value: FormValue): void;
  /** Runs `action` with the values as typed once they pass the schema (the API parses them again). */
  submit(action: (values: Input) => Promise<void>): Promise<void>;
}

function byField(issues: { path: string; message: string }[]): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of issues) {
    const field = issue.path.split('.')[0] || '_form';
    errors[field] ??= issue.message;
  }
  return errors;
}

/** `warnings` are shown on their fields from the start (a stored value the record no longer accepts). */
export function useForm<S extends z.ZodType>(schema: S, initial: FormValues, warnings: Record<string, string> = {}): Form<z.input<S>> {
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState<Record<string, string>>(warnings);
  const [formError, setFormError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  return {
    values,
    errors,
    formError,
    submitting,
    set: (name, value) => {
      setValues((previous) => ({ ...previous, [name]: value }));
      setErrors(({ [name]: _cleared, ...rest }) => rest);
    },
    submit: async (action) => {
      const parsed = schema.safeParse(values);
      if (!parsed.success) {
        const found = byField(issuesOf(parsed.error));
        setErrors(found);
        setFormError(`Saisie à corriger : ${countOf(Object.keys(found).length, 'champ')}.`);
        return;
      }
      setSubmitting(true);
      try {
        // The schema accepted these values, so they are of its input type.
        await action(values as z.input<S>);
        setErrors({});
        setFormError(null);
      } catch (error) {
        if (error instanceof ApiError) {
          setErrors(byField(error.issues));
          // A refusal about one field is shown on that field; the banner only points to it.
          const onAField = error.issues.some((issue) => issue.message === error.message);
          setFormError(onAField ? 'Enregistrement refusé : voir le champ signalé.' : error.message);
        } else {
          setFormError((error as Error).message);
        }
      } finally {
        setSubmitting(false);
      }
    },
  };
}

export interface RowVersion {
  readonly current: number;
  /** After a save of this form: the row's version moves on with it. */
  saved(row: { version: number }): void;
}

/**
 * The version of the row a form edits, as the form loaded it. An update sends it, and the record
 * refuses the save once another tab or window has changed the row since ("modifié depuis"): the
 * form shows the values it loaded, and saving them would revert that change. The form's own saves
 * move it on; a reload of the row does not, since the fields keep what they showed.
 */
export function useRowVersion(row: { version: number } | null): RowVersion {
  const version = useRef(row?.version ?? 0);
  return {
    get current() {
      return version.current;
    },
    saved: (saved) => {
      version.current = saved.version;
    },
  };
}

/** What a field needs of its form: values and errors by name, whatever the form submits. */
type FieldForm = Pick<Form, 'values' | 'errors' | 'set'>;

interface FieldProps {
  form: FieldForm;
  name: string;
  label: string;
  hint?: string;
}

function FieldShell({ form, name, label, hint, id, children }: FieldProps & { id: string; children: ReactNode }): ReactNode {
  const error = form.errors[name];
  return (
    <div className={error ? 'field field-error' : 'field'}>
      <label htmlFor={id}>{label}</label>
      {children}
      {hint && !error ? <p className="field-hint" id={`${id}-hint`}>{hint}</p> : null}
      {error ? <p className="field-message" id={`${id}-error`} role="alert">{error}</p> : null}
    </div>
  );
}

export function TextField(props: FieldProps & { placeholder?: string; autoFocus?: boolean }): ReactNode {
  const id = useId();
  const { form, name } = props;
  return (
    <FieldShell {...props} id={id}>
      <input
        id={id}
        name={name}
        type="text"
        value={String(form.values[name] ?? '')}
        placeholder={props.placeholder}
        autoFocus={props.autoFocus}
        aria-invalid={form.errors[name] !== undefined}
        aria-describedby={form.errors[name] ? `${id}-error` : props.hint ? `${id}-hint` : undefined}
        onChange={(event) => form.set(name, event.target.value)}
      />
    </FieldShell>
  );
}

export function SelectField(props: FieldProps & { options: readonly (readonly [string, string])[]; empty?: string }): ReactNode {
  const id = useId();
  const { form, name } = props;
  return (
    <FieldShell {...props} id={id}>
      <select
        id={id}
        name={name}
        value={String(form.values[name] ?? '')}
        aria-invalid={form.errors[name] !== undefined}
        aria-describedby={form.errors[name] ? `${id}-error` : undefined}
        onChange={(event) => form.set(name, event.target.value)}
      >
        {props.empty !== undefined ? <option value="">{props.empty}</option> : null}
        {props.options.map(([value, text]) => <option key={value} value={value}>{text}</option>)}
      </select>
    </FieldShell>
  );
}

export function CheckboxField({ form, name, label }: FieldProps): ReactNode {
  const id = useId();
  return (
    <div className="field field-checkbox">
      <input id={id} name={name} type="checkbox" checked={form.values[name] === true} onChange={(e) => form.set(name, e.target.checked)} />
      <label htmlFor={id}>{label}</label>
    </div>
  );
}

export function FormError({ form }: { form: { formError: string | null } }): ReactNode {
  return form.formError ? <div className="form-error" role="alert">{form.formError}</div> : null;
}
