// Typed calls to the API: paths, parameters and bodies come from
// schema.d.ts, generated from api/openapi.json (npm run types).
import createClient from 'openapi-fetch';
import type { components, paths } from './schema';
import { session, tokens, signedOut, stored } from '../session';
import { lang } from '../i18n';

export type Schemas = components['schemas'];

let refreshing: Promise<boolean> | undefined;

/**
 * refresh trades the refresh token for new tokens, one refresh at a time:
 * two refreshes with one rotating token would end the session. Tabs share
 * a lock where the browser has Web Locks, and a tab that waited finds the
 * tokens another one got rather than spending the old refresh token again.
 * `used` is the access token the server refused.
 */
export function refresh(used: string): Promise<boolean> {
  refreshing ??= (async () => {
    const run = async (): Promise<boolean> => {
      const current = stored();
      if (!current) return false;
      if (current.access !== used) {
        session.value = current; // another tab refreshed meanwhile
        return true;
      }
      let res: Response;
      try {
        res = await fetch('/v1/auth/refresh', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ refresh_token: current.refresh }),
        });
      } catch {
        return false; // no signal: keep the tokens, try later
      }
      if (!res.ok) {
        if (res.status === 401) signedOut(true);
        return false;
      }
      const body = (await res.json()) as Schemas['TokenResponse'];
      session.value = { access: body.access_token, refresh: body.refresh_token };
      return true;
    };
    const locks = (navigator as Navigator & { locks?: LockManager }).locks;
    return locks ? ((await locks.request('lumbung-refresh', run)) as boolean) : run();
  })().finally(() => {
    refreshing = undefined;
  });
  return refreshing;
}

/**
 * authedFetch adds the access token and, on a 401, refreshes once and
 * retries. It asks for the app's language, not the browser's, so that the
 * words the API writes (ratio names, sources, problem details) match the
 * screen they land on.
 */
export async function authedFetch(input: Request): Promise<Response> {
  const retry = input.clone();
  const send = (req: Request) => {
    const tk = tokens();
    if (tk) req.headers.set('Authorization', `Bearer ${tk.access}`);
    req.headers.set('Accept-Language', lang.value);
    return fetch(req);
  };
  const used = tokens()?.access ?? '';
  const res = await send(input);
  if (res.status !== 401 || !used) return res;
  if (!(await refresh(used))) return res;
  return send(retry);
}

export const api = createClient<paths>({ baseUrl: location.origin, fetch: authedFetch });
