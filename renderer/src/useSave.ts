import type { ApiInput, ApiOutput, MethodName } from '../../shared/api/contract.ts';
import { useApi } from './api.ts';
import { useUi } from './store.ts';

/** Calls a mutation, then tells every list to reload and the user what happened. */
export function useMutation(): <M extends MethodName>(method: M, input: ApiInput<M>, done: string) => Promise<ApiOutput<M>> {
  const api = useApi();
  const { changed, notify } = useUi.getState();
  return async (method, input, done) => {
    const result = await api(method, input);
    changed();
    notify(done);
    return result;
  };
}
