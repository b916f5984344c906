// The treasurer's members' sign-ins: whom she may give a temporary
// password or stop signing in (a chunk phones do not keep).
import { api, type Schemas } from '../../api/client';
import { useRead, unwrap } from '../../read';
import { Link, ReadState } from '../../ui';
import { UserActions } from '../user-actions';
import { w } from '../user-words';

export function MemberUsers({ coop }: { me: Schemas['Me']; coop: string }) {
  const d = w.value;
  const users = useRead(`member-users:${coop}`, async () => unwrap(await api.GET('/v1/cooperatives/{coop}/member-users', { params: { path: { coop } } })));
  return (
    <>
      <p><Link href={`/bendahara/${coop}/anggota`}>← {d.back}</Link></p>
      <h1>{d.memberUsers}</h1>
      <p class="muted">{d.memberUsersHint}</p>
      <ReadState read={users} />
      {users.data && !users.data.items.length && <p class="muted">{d.nothingHere}</p>}
      <ul class="cards">
        {users.data?.items.map((u) => (
          <li key={u.id} class="card" data-testid={`user-${u.login}`}>
            <h3>{u.name}</h3>
            <p class="muted small">{u.login}</p>
            <p><span class={u.deactivated ? 'pill bad' : 'pill ok'} data-testid="user-state">{u.deactivated ? d.deactivated : d.active}</span></p>
            <UserActions user={u} onChanged={users.reload} />
          </li>
        ))}
      </ul>
    </>
  );
}
