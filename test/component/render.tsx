import { render, screen, within, type RenderResult } from '@testing-library/react';
import userEvent, { type UserEvent } from '@testing-library/user-event';
import { App } from '../../renderer/src/App.tsx';
import { createClient } from '../../renderer/src/api.ts';
import { dispatch } from '../../shared/api/dispatch.ts';
import type { ApiCall } from '../../shared/api/contract.ts';
import type { HostOptions } from '../../electron/record/host.ts';
import { openTestRecord } from '../support/record.ts';

export interface Rendered extends RenderResult {
  user: UserEvent;
  api: ApiCall;
}

/** The whole app over the real services and a record (in memory unless a file is given), as the window would run it. */
export async function renderApp(prepare?: (api: ApiCall) => Promise<unknown>, path = ':memory:', options: Partial<HostOptions> = {}): Promise<Rendered> {
  const { host } = await openTestRecord(path, options);
  const api = createClient((method, input) => dispatch(host.handlers, method, input));
  if (prepare) await prepare(api);
  const user = userEvent.setup();
  return { ...render(<App api={api} />), user, api };
}

export async function goTo(user: UserEvent, label: string): Promise<void> {
  await user.click(within(await screen.findByRole('navigation')).getByRole('button', { name: label }));
}
