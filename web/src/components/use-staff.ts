import { useEffect, useState } from 'preact/hooks';
import { api } from '../api/client';
import { session } from '../session';

/** Whether the signed-in caller may record, by token: asked once (GET /web/session), then remembered for the tab. */
const known = new Map<string, boolean>();

/**
 * True only once the service said this caller may record (compliance staff,
 * admins): auditors, and anyone while the answer is on its way, see no forms.
 * The service refuses their commands anyway; hiding the forms spares them a 403.
 */
export function useMayRecord(): boolean {
  const token = session.token();
  const [mayRecord, setMayRecord] = useState(token ? (known.get(token) ?? false) : false);
  useEffect(() => {
    if (!token) return setMayRecord(false);
    if (known.has(token)) return setMayRecord(known.get(token)!);
    let current = true;
    void api.GET('/web/session').then(({ data }) => {
      known.set(token, data?.records === true);
      if (current) setMayRecord(data?.records === true);
    });
    return () => {
      current = false;
    };
  }, [token]);
  return mayRecord;
}
