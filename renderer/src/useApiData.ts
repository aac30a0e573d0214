import { useEffect, useState } from 'react';
import type { ApiInput, ApiOutput, MethodName } from '../../shared/api/contract.ts';
import { useApi } from './api.ts';
import { useUi } from './store.ts';

export interface ApiData<T> {
  data: T | undefined;
  error: string | null;
  loading: boolean;
}

/** Loads `method` and reloads it whenever the record changes or `input` does. */
export function useApiData<M extends MethodName>(method: M, input: ApiInput<M>, enabled = true): ApiData<ApiOutput<M>> {
  const api = useApi();
  const revision = useUi((state) => state.revision);
  const key = JSON.stringify(input);
  // Which request the answer belongs to: loading is derived from it during render, so the effect
  // only ever sets state from the answer (never synchronously) and the previous data stays shown.
  const request = `${method}|${key}|${revision}`;
  const [answer, setAnswer] = useState<{ request: string; data: ApiOutput<M> | undefined; error: string | null }>(
    { request: '', data: undefined, error: null },
  );
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    api(method, JSON.parse(key) as ApiInput<M>).then(
      (data) => live && setAnswer({ request, data, error: null }),
      (error: unknown) => live && setAnswer({ request, data: undefined, error: (error as Error).message }),
    );
    return () => {
      live = false;
    };
  }, [api, method, key, request, enabled]);
  return { data: answer.data, error: answer.error, loading: enabled && answer.request !== request };
}
