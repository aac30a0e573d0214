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
  const [state, setState] = useState<ApiData<ApiOutput<M>>>({ data: undefined, error: null, loading: enabled });
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    setState((previous) => ({ ...previous, loading: true }));
    api(method, JSON.parse(key) as ApiInput<M>).then(
      (data) => live && setState({ data, error: null, loading: false }),
      (error: unknown) => live && setState({ data: undefined, error: (error as Error).message, loading: false }),
    );
    return () => {
      live = false;
    };
  }, [api, method, key, revision, enabled]);
  return state;
}
