import { setUserRoleByHandle } from '@atlas/db';
import type { Role } from '../../../auth/viewer.ts';
import type { MutationResolvers } from '../../../generated/resolvers-types.ts';
import { forbidden, notFound } from '../../../errors.ts';
import { requireWriter } from '../guards.ts';
import { checkHandle } from '../input.ts';

const ROLES: Record<string, Role> = { MEMBER: 'member', CURATOR: 'curator', ADMIN: 'admin' };

/**
 * Roles granted from the API, by admins only. The first admin of a fresh atlas comes from the
 * CLI (`atlas users grant --handle X --role admin`), which works on the database directly.
 * An unknown role never reaches here: the UserRole enum refuses it (BAD_USER_INPUT).
 */
export const roleMutations: Pick<MutationResolvers, 'setUserRole'> = {
  setUserRole: async (_parent, args, ctx) => {
    const viewer = requireWriter(ctx, 'setUserRole');
    if (viewer.role !== 'admin') {
      throw forbidden(`setUserRole is for admins; your account is a ${viewer.role}. Ask an admin of this atlas to grant the role.`);
    }
    const handle = checkHandle(args.handle);
    const role = ROLES[args.role];
    if (!role) throw new Error(`unmapped role ${args.role}`); // the enum makes this unreachable
    const user = await setUserRoleByHandle(ctx.db, handle, role);
    if (!user) throw notFound(`No user has the handle "${handle}"; check the spelling (handles are lowercase).`);
    return user;
  },
};
