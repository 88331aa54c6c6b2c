import type { SAMLJackson } from '@boxyhq/saml-jackson';
import type { MemberContext } from '@parapet/accounts';
import { deleteSsoConnection } from '../sso/delete-sso-connection';
import type { SsoConnectionView } from '../sso/sso-connection-view';

/**
 * Deletes a connection of any protocol (owners only); a SAML one is removed from jackson's store
 * too, after Parapet's row is gone (a row without its jackson record would only fail to sign in;
 * a jackson record without its row can no longer be reached from Parapet).
 */
export async function deleteConnection({
  db,
  actor,
  jackson,
  id,
  ip,
}: MemberContext & {
  jackson: () => Promise<SAMLJackson>;
  id: string;
}): Promise<SsoConnectionView> {
  const deleted = await deleteSsoConnection({ db, actor, id, ip });
  if (deleted.samlClientId) {
    const { connectionAPIController } = await jackson();
    const [record] = await connectionAPIController.getConnections({
      clientID: deleted.samlClientId,
    });
    if (record) {
      await connectionAPIController.deleteConnections({
        clientID: record.clientID,
        clientSecret: record.clientSecret,
      });
    }
  }
  const { samlClientId: _samlClientId, ...view } = deleted;
  return view;
}
