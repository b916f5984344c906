// Changing one's password: from the account page, and at sign-in when the
// password is a temporary one from a reset. The server ends every session
// the user had and answers with the tokens of a new one, kept here.
import { useState } from 'preact/hooks';
import { t } from '../../i18n';
import { session, sessionEnded } from '../../session';
import type { Schemas } from '../../api/client';

export function PasswordForm({ login, current, onDone }: { login: string; current?: string; onDone: () => void }) {
  const d = t.value;
  const [password, setPassword] = useState(current ?? '');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const [done, setDone] = useState(false);

  async function submit(e: Event) {
    e.preventDefault();
    setError('');
    setDone(false);
    if (next !== again) {
      setError(d.passwordsDiffer);
      return;
    }
    setBusy(true);
    try {
      const body: Schemas['PasswordChangeRequest'] = { login, password, new_password: next };
      const res = await fetch('/v1/auth/password', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
      if (res.ok) {
        const tk = (await res.json()) as Schemas['TokenResponse'];
        sessionEnded.value = false;
        session.value = { access: tk.access_token, refresh: tk.refresh_token };
        setPassword('');
        setNext('');
        setAgain('');
        setDone(true);
        onDone();
        return;
      }
      setError(res.status === 401 ? d.passwordWrong : res.status === 422 ? d.passwordRejected : res.status === 429 ? d.signInLimited : d.cannotLoad);
    } catch {
      setError(d.cannotLoad);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} class="form" aria-labelledby="pw-title">
      <h2 id="pw-title">{d.changePassword}</h2>
      <input type="text" name="username" autoComplete="username" value={login} readOnly hidden />
      {current === undefined && (
        <>
          <label for="pw-current">{d.currentPassword}</label>
          <input id="pw-current" type="password" autoComplete="current-password" required value={password} onInput={(e) => setPassword(e.currentTarget.value)} />
        </>
      )}
      <label for="pw-new">{d.newPassword}</label>
      <input id="pw-new" type="password" autoComplete="new-password" required minLength={10} value={next} onInput={(e) => setNext(e.currentTarget.value)} />
      <label for="pw-again">{d.repeatPassword}</label>
      <input id="pw-again" type="password" autoComplete="new-password" required minLength={10} value={again} onInput={(e) => setAgain(e.currentTarget.value)} />
      {error && <p class="notice bad" role="alert">{error}</p>}
      {done && <p class="notice ok" role="status">{d.passwordChanged}</p>}
      <button type="submit" class="btn primary" disabled={busy}>{d.changePassword}</button>
    </form>
  );
}
