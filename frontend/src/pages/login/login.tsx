import { useState } from 'preact/hooks';
import { lang, setLang, t } from '../../i18n';
import { session, sessionEnded } from '../../session';
import { navigate } from '../../router';
import { flush } from '../../sync';
import type { Schemas } from '../../api/client';
import { PasswordForm } from './password';

export function Login() {
  const d = t.value;
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const [mustChange, setMustChange] = useState(false);

  async function submit(e: Event) {
    e.preventDefault();
    setBusy(true);
    setError('');
    try {
      const res = await fetch('/v1/auth/login', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ login: login.trim(), password }),
      });
      if (res.ok) {
        const body = (await res.json()) as Schemas['TokenResponse'];
        sessionEnded.value = false;
        session.value = { access: body.access_token, refresh: body.refresh_token };
        navigate('/', true);
        void flush(true); // what waited for a sign-in goes now
        return;
      }
      if (res.status === 403) {
        const p = (await res.json().catch(() => ({}))) as { code?: string; type?: string };
        if (`${p.code ?? ''} ${p.type ?? ''}`.includes('password_change_required')) {
          setMustChange(true);
          return;
        }
      }
      setError(res.status === 429 ? d.signInLimited : res.status === 401 || res.status === 422 ? d.signInFailed : d.cannotLoad);
    } catch {
      setError(d.cannotLoad);
    } finally {
      setBusy(false);
    }
  }

  if (mustChange) {
    return (
      <div class="narrow">
        <h1>{d.signIn}</h1>
        <p class="notice warn" role="status">{d.mustChangePassword}</p>
        <PasswordForm login={login.trim()} current={password} onDone={() => {
          navigate('/', true);
          void flush(true);
        }} />
        <p><button type="button" class="link" onClick={() => { setMustChange(false); setPassword(''); }}>{d.back}</button></p>
      </div>
    );
  }

  return (
    <div class="narrow">
      <h1>{d.signIn}</h1>
      <p class="muted">{d.tagline}</p>
      {sessionEnded.value && <p class="notice warn" role="status">{d.sessionEnded}</p>}
      <form onSubmit={submit} class="form">
        <label for="login">{d.login}</label>
        <input id="login" name="login" type="text" inputMode="email" autoComplete="username" autoCapitalize="none" required value={login} onInput={(e) => setLogin(e.currentTarget.value)} />
        <label for="password">{d.password}</label>
        <input id="password" name="password" type="password" autoComplete="current-password" required value={password} onInput={(e) => setPassword(e.currentTarget.value)} />
        {error && <p class="notice bad" role="alert">{error}</p>}
        <button type="submit" class="btn primary" disabled={busy}>
          {busy ? d.signingIn : d.signIn}
        </button>
      </form>
      <p class="lang-switch">
        {(['id', 'en'] as const).map((l) => (
          <button key={l} type="button" class="link" aria-pressed={lang.value === l} onClick={() => setLang(l)}>
            {l === 'id' ? 'Bahasa Indonesia' : 'English'}
          </button>
        ))}
      </p>
    </div>
  );
}
