// A user's sign-in actions: a temporary password, shown this once, and
// stopping or allowing her sign-in, each behind a confirmation that says
// what it does to her. The treasurer uses them for her members' users, the
// admin for anyone; the server decides who may.
import { useState } from 'preact/hooks';
import { api } from '../api/client';
import { lang, problemText } from '../i18n';
import { timeStamp } from '../dates';
import { unwrap, HttpError } from '../read';
import { w } from './user-words';

interface User {
  id: string;
  name: string;
  /** Unknown: both actions are offered. */
  deactivated?: boolean;
}

type Asking = 'reset' | 'deactivate' | null;

export function UserActions({ user, onChanged }: { user: User; onChanged?: () => void }) {
  const d = w.value;
  const [asking, setAsking] = useState<Asking>(null);
  const [busy, setBusy] = useState(false);
  const [temp, setTemp] = useState<{ password: string; expires: string } | null>(null);
  const [said, setSaid] = useState<{ ok: boolean; text: string } | null>(null);
  const [copied, setCopied] = useState(false);
  const path = { params: { path: { user: user.id } } };

  async function run(what: 'reset' | 'deactivate' | 'reactivate') {
    setBusy(true);
    setSaid(null);
    setAsking(null);
    try {
      if (what === 'reset') {
        const r = unwrap(await api.POST('/v1/users/{user}/password-reset', path));
        setTemp({ password: r.temporary_password, expires: r.expires_at });
        setCopied(false);
      } else if (what === 'deactivate') {
        const r = await api.POST('/v1/users/{user}/deactivation', path);
        if (!r.response.ok) unwrap(r);
        setSaid({ ok: true, text: d.nowDeactivated(user.name) });
      } else {
        const r = await api.POST('/v1/users/{user}/reactivation', path);
        if (!r.response.ok) unwrap(r);
        setSaid({ ok: true, text: d.nowActive(user.name) });
      }
      onChanged?.();
    } catch (err) {
      setSaid({ ok: false, text: err instanceof HttpError ? problemText(d, { status: err.status, code: err.code, detail: err.detail }) : d.cannotLoad });
    } finally {
      setBusy(false);
    }
  }

  return (
    <div class="user-actions">
      {asking === null && (
        <p class="actions">
          <button type="button" class="btn" disabled={busy} onClick={() => { setAsking('reset'); setTemp(null); }}>{d.resetPassword}</button>
          {user.deactivated !== true && <button type="button" class="btn" disabled={busy} onClick={() => setAsking('deactivate')}>{d.deactivate}</button>}
          {user.deactivated !== false && <button type="button" class="btn" disabled={busy} onClick={() => void run('reactivate')}>{d.reactivate}</button>}
        </p>
      )}
      {asking && (
        <div class="notice warn" role="alertdialog" aria-label={asking === 'reset' ? d.resetPassword : d.deactivate}>
          <p>{asking === 'reset' ? d.resetConfirm(user.name) : d.deactivateConfirm(user.name)}</p>
          <p class="actions">
            <button type="button" class="btn primary" onClick={() => void run(asking)}>{asking === 'reset' ? d.yesReset : d.yesDeactivate}</button>
            <button type="button" class="btn" onClick={() => setAsking(null)}>{d.cancel}</button>
          </p>
        </div>
      )}
      {temp && (
        <div class="notice ok temp-password" role="status">
          <p>{d.temporaryIs(user.name)}</p>
          <p class="big"><code data-testid="temporary-password">{temp.password}</code></p>
          <p class="small">{d.temporaryOnce} {timeStamp(Date.parse(temp.expires), lang.value)}.</p>
          {'clipboard' in navigator && (
            <button type="button" class="btn" onClick={() => void navigator.clipboard.writeText(temp.password).then(() => setCopied(true), () => undefined)}>
              {copied ? d.copied : d.copy}
            </button>
          )}
        </div>
      )}
      {said && <p class={said.ok ? 'notice ok' : 'notice bad'} role={said.ok ? 'status' : 'alert'}>{said.text}</p>}
    </div>
  );
}
