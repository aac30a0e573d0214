import type { z } from 'zod';
import { apiContract, isMethodName, type ApiHandlers, type MethodName } from './contract.ts';
import { ApiError, toApiErrorData, type ApiResult, type FieldIssue } from './errors.ts';

export function issuesOf(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
}

export function validationError(issues: FieldIssue[]): ApiError {
  const fields = issues.length === 1 ? '1 champ à corriger' : `${issues.length} champs à corriger`;
  return new ApiError('validation', `Saisie refusée : ${fields}.`, issues);
}

/**
 * The one entry point of every transport (IPC, browser-mode HTTP, in-process tests): the method
 * name and input arrive as unknown, are checked against the contract, and the outcome is data.
 */
export async function dispatch(handlers: ApiHandlers, method: unknown, input: unknown): Promise<ApiResult<unknown>> {
  if (!isMethodName(method)) {
    return { ok: false, error: { kind: 'refused', message: `Méthode inconnue : ${String(method)}`, issues: [] } };
  }
  const parsed = apiContract[method].input.safeParse(input ?? {});
  if (!parsed.success) return { ok: false, error: validationError(issuesOf(parsed.error)).toData() };
  try {
    const handler = handlers[method] as (value: unknown) => Promise<unknown>;
    return { ok: true, value: await handler(parsed.data) };
  } catch (error) {
    return { ok: false, error: toApiErrorData(error) };
  }
}

/** Unwraps a result on the calling side, turning a refusal back into a thrown ApiError. */
export function unwrap<T>(result: ApiResult<T>): T {
  if (result.ok) return result.value;
  throw ApiError.fromData(result.error);
}

export type { MethodName };
