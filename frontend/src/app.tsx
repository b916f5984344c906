import { useEffect, useState } from 'preact/hooks';
import type { ComponentType } from 'preact';
import { api, type Schemas } from './api/client';
import { lang, setLang, t } from './i18n';
import { match, navigate, path } from './router';
import { useRead, unwrap } from './read';
import { session, signedOut } from './session';
import { online, waitingCount, needsPersonCount } from './sync';
import { setTheme, theme, type Theme } from './theme';
import { forgetReads } from './db';
import { Link, ReadState } from './ui';
import { Login } from './pages/login/login';
import { PasswordForm } from './pages/login/password';

type Me = Schemas['Me'];

/** lazyPage loads a screen's code only when it is opened. */
function lazyPage<P>(load: () => Promise<ComponentType<P>>): ComponentType<P> {
  let loaded: ComponentType<P> | undefined;
  return (props: P) => {
    const [C, setC] = useState<ComponentType<P> | undefined>(() => loaded);
    useEffect(() => {
      if (!C) void load().then((c) => { loaded = c; setC(() => c); });
    }, []);
    return C ? <C {...(props as P & object)} /> : <p class="muted" role="status">{t.value.loading}</p>;
  };
}

// Each role's screens are a chunk of their own, so the first visit loads
// only the sign-in. The service worker keeps every chunk but the partner's
// and the admin's on the phone, for a meeting without signal.
const TreasurerHome = lazyPage(() => import('./pages/treasurer/home').then((m) => m.TreasurerHome));
const Members = lazyPage(() => import('./pages/treasurer/members').then((m) => m.Members));
const MemberPage = lazyPage(() => import('./pages/treasurer/members').then((m) => m.MemberPage));
const Loans = lazyPage(() => import('./pages/treasurer/loans').then((m) => m.Loans));
const LoanPage = lazyPage(() => import('./pages/treasurer/loan').then((m) => m.LoanPage));
const Books = lazyPage(() => import('./pages/treasurer/books').then((m) => m.Books));
const MemberUsers = lazyPage(() => import('./pages/treasurer/users').then((m) => m.MemberUsers));
const Meeting = lazyPage(() => import('./pages/meeting/meeting').then((m) => m.Meeting));
const MemberHome = lazyPage(() => import('./pages/member/member').then((m) => m.MemberHome));
const MemberSHU = lazyPage(() => import('./pages/member/member').then((m) => m.MemberSHU));
const MemberStatement = lazyPage(() => import('./pages/member/member').then((m) => m.MemberStatement));
const Outbox = lazyPage(() => import('./pages/outbox/outbox').then((m) => m.Outbox));
const Partner = lazyPage(() => import('./pages/partner/partner').then((m) => m.Partner));
const Capital = lazyPage(() => import('./pages/treasurer/capital').then((m) => m.Capital));
const Covers = lazyPage(() => import('./pages/treasurer/covers').then((m) => m.Covers));
const YearEnd = lazyPage(() => import('./pages/treasurer/yearend').then((m) => m.YearEnd));
const Simulator = lazyPage(() => import('./pages/member/simulate').then((m) => m.Simulator));
const Supervisor = lazyPage(() => import('./pages/supervisor/supervisor').then((m) => m.Supervisor));
const Setup = lazyPage(() => import('./pages/admin/setup').then((m) => m.Setup));
const CoopSetup = lazyPage(() => import('./pages/treasurer/setup').then((m) => m.Setup));
const Approvals = lazyPage(() => import('./pages/treasurer/approvals').then((m) => m.Approvals));
const Journal = lazyPage(() => import('./pages/treasurer/journal').then((m) => m.Journal));
const CoopAudit = lazyPage(() => import('./pages/audit/audit').then((m) => m.CoopAudit));
const PlatformAudit = lazyPage(() => import('./pages/audit/audit').then((m) => m.PlatformAudit));
const Admin = lazyPage(() => import('./pages/admin/admin').then((m) => m.Admin));

interface Role {
  href: string;
  label: string;
}

function roles(me: Me): Role[] {
  const r: Role[] = [];
  for (const c of me.treasurer_of) r.push({ href: `/bendahara/${c.id}`, label: t.value.roleTreasurer });
  for (const c of me.supervisor_of) r.push({ href: `/pengawas/${c.id}`, label: t.value.roleSupervisor });
  if (me.memberships.length) r.push({ href: '/anggota', label: t.value.roleMember });
  for (const p of me.partners) r.push({ href: `/mitra/${p.partner.id}`, label: t.value.rolePartner });
  if (me.admin) r.push({ href: '/admin', label: t.value.roleAdmin });
  return r;
}

/**
 * keepOnPhone asks the service worker to keep the screens of this person's
 * roles, so that they open without signal; the first visit loads only the
 * sign-in.
 */
function keepOnPhone(me: Me): void {
  const keep = [...(me.treasurer_of.length ? ['treasurer'] : []), ...(me.memberships.length ? ['member'] : [])];
  if (!keep.length || !('serviceWorker' in navigator)) return;
  void navigator.serviceWorker.ready.then((r) => r.active?.postMessage({ keep })).catch(() => undefined);
}

function SyncBadge() {
  const d = t.value;
  const waiting = waitingCount.value;
  const needs = needsPersonCount.value;
  const parts = [online.value ? d.online : d.offline];
  if (waiting) parts.push(d.waiting(waiting));
  if (needs) parts.push(d.needsYou(needs));
  const cls = needs ? 'badge bad' : waiting || !online.value ? 'badge warn' : 'badge ok';
  return (
    <Link href="/kotak-keluar" class={cls}>
      <span aria-hidden="true">{online.value ? '●' : '○'} </span>
      <span data-testid="sync-badge">{parts.join(' · ')}</span>
    </Link>
  );
}

function Header({ me }: { me?: Me }) {
  const p = path.value;
  return (
    <header class="top">
      <div class="top-row">
        <Link href="/" class="brand">
          <img src="/icon.svg" alt="" width={28} height={28} />
          <span class="brand-name">Lumbung</span>
        </Link>
        <SyncBadge />
      </div>
      {me && (
        <nav aria-label="Menu" class="tabs">
          {roles(me).map((r) => (
            <Link key={r.href} href={r.href} class={p.startsWith(r.href) ? 'tab current' : 'tab'}>
              {r.label}
            </Link>
          ))}
          <Link href="/akun" class={p === '/akun' ? 'tab current' : 'tab'}>
            {t.value.settings}
          </Link>
        </nav>
      )}
    </header>
  );
}

function Settings({ me }: { me: Me }) {
  const d = t.value;
  const themes: [Theme, string][] = [['system', d.themeSystem], ['light', d.themeLight], ['dark', d.themeDark]];
  return (
    <>
      <h1>{d.settings}</h1>
      <p>{me.user.name} · {me.user.login}</p>
      <fieldset class="choice">
        <legend>{d.language}</legend>
        {(['id', 'en'] as const).map((l) => (
          <label key={l}>
            <input type="radio" name="lang" checked={lang.value === l} onChange={() => setLang(l)} />
            {l === 'id' ? 'Bahasa Indonesia' : 'English'}
          </label>
        ))}
      </fieldset>
      <fieldset class="choice">
        <legend>{d.theme}</legend>
        {themes.map(([v, label]) => (
          <label key={v}>
            <input type="radio" name="theme" checked={theme.value === v} onChange={() => setTheme(v)} />
            {label}
          </label>
        ))}
      </fieldset>
      <PasswordForm login={me.user.login} onDone={() => undefined} />
      <button
        type="button"
        class="btn"
        onClick={() => {
          const tk = session.peek();
          if (tk) void fetch('/v1/auth/logout', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ refresh_token: tk.refresh }) }).catch(() => undefined);
          void forgetReads();
          signedOut(false);
          navigate('/', true);
        }}
      >
        {d.signOut}
      </button>
    </>
  );
}

function Routes({ me }: { me: Me }) {
  const p = path.value;
  let m: Record<string, string> | null;
  if ((m = match('/bendahara/:coop', p))) return <TreasurerHome me={me} coop={m.coop!} />;
  if ((m = match('/bendahara/:coop/pertemuan/:group/:date', p))) return <Meeting me={me} coop={m.coop!} group={m.group!} date={m.date!} />;
  if ((m = match('/bendahara/:coop/anggota', p))) return <Members me={me} coop={m.coop!} />;
  if ((m = match('/bendahara/:coop/pinjaman', p))) return <Loans me={me} coop={m.coop!} />;
  if ((m = match('/bendahara/:coop/buku', p))) return <Books me={me} coop={m.coop!} />;
  if ((m = match('/bendahara/:coop/buku/:report', p))) return <Books me={me} coop={m.coop!} report={m.report!} />;
  if ((m = match('/bendahara/:coop/pengguna', p))) return <MemberUsers me={me} coop={m.coop!} />;
  if ((m = match('/bendahara/:coop/pinjaman/:loan', p))) return <LoanPage me={me} coop={m.coop!} loan={m.loan!} />;
  if ((m = match('/bendahara/:coop/anggota/:member', p))) return <MemberPage me={me} coop={m.coop!} member={m.member!} />;
  if ((m = match('/bendahara/:coop/siapkan', p))) return <CoopSetup me={me} coop={m.coop!} />;
  if ((m = match('/bendahara/:coop/modal', p))) return <Capital me={me} coop={m.coop!} />;
  if ((m = match('/bendahara/:coop/tanggung-renteng', p))) return <Covers me={me} coop={m.coop!} />;
  if ((m = match('/bendahara/:coop/tutup-buku', p))) return <YearEnd me={me} coop={m.coop!} />;
  if ((m = match('/bendahara/:coop/persetujuan', p))) return <Approvals me={me} coop={m.coop!} />;
  if ((m = match('/bendahara/:coop/jurnal', p))) return <Journal coop={m.coop!} />;
  if ((m = match('/bendahara/:coop/riwayat', p))) return <CoopAudit me={me} coop={m.coop!} />;
  if ((m = match('/pengawas/:coop/persetujuan', p))) return <Approvals me={me} coop={m.coop!} />;
  if ((m = match('/pengawas/:coop/riwayat', p))) return <CoopAudit me={me} coop={m.coop!} />;
  if ((m = match('/pengawas/:coop', p))) return <Supervisor me={me} coop={m.coop!} />;
  if ((m = match('/pengawas/:coop/buku', p))) return <Books me={me} coop={m.coop!} />;
  if ((m = match('/pengawas/:coop/buku/:report', p))) return <Books me={me} coop={m.coop!} report={m.report!} />;
  if ((m = match('/pengawas/:coop/tanggung-renteng', p))) return <Covers me={me} coop={m.coop!} />;
  if (match('/anggota', p)) return <MemberHome me={me} />;
  if (match('/anggota/simulasi', p)) return <Simulator me={me} />;
  if ((m = match('/anggota/shu/:member/:year', p))) return <MemberSHU me={me} member={m.member!} year={m.year!} />;
  if ((m = match('/anggota/mutasi/:account', p))) return <MemberStatement me={me} account={m.account!} />;
  if ((m = match('/mitra/:partner', p))) return <Partner me={me} partner={m.partner!} />;
  if (match('/admin', p)) return <Admin />;
  if (match('/admin/siapkan', p)) return <Setup />;
  if (match('/admin/riwayat', p)) return <PlatformAudit me={me} />;
  if (match('/kotak-keluar', p)) return <Outbox />;
  if (match('/akun', p)) return <Settings me={me} />;
  const home = roles(me)[0];
  if (home) {
    queueMicrotask(() => navigate(home.href, true));
    return null;
  }
  return <p class="notice">{t.value.noRole}</p>;
}

function SignedIn() {
  const me = useRead<Me>('me', async () => unwrap(await api.GET('/v1/me')));
  const roleKey = me.data ? `${me.data.treasurer_of.length}/${me.data.memberships.length}` : '';
  useEffect(() => {
    if (me.data) keepOnPhone(me.data);
  }, [roleKey]);
  return (
    <>
      <Header me={me.data} />
      <main id="main">
        <ReadState read={me} quiet />
        {me.data && <Routes me={me.data} />}
      </main>
    </>
  );
}

export function App() {
  if (!session.value) {
    return (
      <>
        <Header />
        <main id="main">
          <Login />
        </main>
      </>
    );
  }
  return <SignedIn />;
}
