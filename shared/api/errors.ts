// Errors cross the process boundary as plain data: the renderer shows `issues` next to the fields
// they name and `message` above the form.

export type ApiErrorKind = 'validation' | 'not_found' | 'conflict' | 'refused' | 'internal';

export interface FieldIssue {
  path: string;
  message: string;
}

export interface ApiErrorData {
  kind: ApiErrorKind;
  message: string;
  issues: FieldIssue[];
}

export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiErrorData };

export class ApiError extends Error {
  readonly kind: ApiErrorKind;
  readonly issues: FieldIssue[];

  constructor(kind: ApiErrorKind, message: string, issues: FieldIssue[] = []) {
    super(message);
    this.name = 'ApiError';
    this.kind = kind;
    this.issues = issues;
  }

  static fromData(data: ApiErrorData): ApiError {
    return new ApiError(data.kind, data.message, data.issues);
  }

  toData(): ApiErrorData {
    return { kind: this.kind, message: this.message, issues: this.issues };
  }
}

/** A refusal tied to one field of the form, e.g. a UAI already in the record. */
export function fieldError(kind: ApiErrorKind, path: string, message: string): ApiError {
  return new ApiError(kind, message, [{ path, message }]);
}

/** Reads an unknown value from the other side of a boundary as an error, or explains that it is not one. */
export function toApiErrorData(error: unknown): ApiErrorData {
  if (error instanceof ApiError) return error.toData();
  const message = error instanceof Error ? error.message : String(error);
  return { kind: 'internal', message: `Erreur interne : ${message}`, issues: [] };
}
