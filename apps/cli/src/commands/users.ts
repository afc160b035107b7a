import { AtlasError } from '@atlas/errors';
import { defineCommand } from '../define-command.ts';
import { flags } from '../flags/index.ts';

/**
 * `atlas users grant --handle X --role admin`: gives an account a role on the database directly.
 * A fresh atlas has no admin, and only admins may grant roles over the API (setUserRole), so the
 * first one is made here by whoever runs the atlas (the account signs up on the web first).
 */
export const usersCommand = defineCommand({
  name: 'users',
  description: 'Manage accounts: `atlas users grant --handle X --role admin` makes the first admin of a fresh atlas (others are granted over the API).',
  argument: { name: 'action', flag: 'action' },
  flags: {
    action: flags.choice(['grant'], { help: 'what to do: grant (give --handle the --role)', required: 'an action, e.g. atlas users grant --handle ada --role admin' }),
    handle: flags.text({ arg: 'handle', help: 'the account, by the handle it signed up with', required: 'the handle of an account that signed up' }),
    role: flags.choice(['member', 'curator', 'admin'], { help: 'curator: may review and hide labels; admin: may also grant roles', required: 'a role: member, curator or admin' }),
  },
  async run(options) {
    const { openDatabase, setUserRoleByHandle } = await import('@atlas/db');
    const db = await openDatabase();
    try {
      const handle = options.handle.trim().toLowerCase();
      const user = await setUserRoleByHandle(db, handle, options.role);
      if (!user) throw new AtlasError(`No account has the handle "${handle}"; sign up on the web (or with signUp) first, then grant the role.`, { code: 'NOT_FOUND' });
      console.log(`${user.handle} is now ${user.role}.`);
    } finally {
      await db.close();
    }
  },
});
