// `npm run admin -- create <username> --role admin|coordinator [--scope <location>]`: makes a console
// account in the server's database (PELITA_DATABASE_URL, else PELITA_DB), the way the first administrator comes to exist. The password
// is read from PELITA_ACCOUNT_PASSWORD or, when that is not set, from the first line of standard input, so it
// never appears in the shell's history or the process list. `npm run admin -- list` lists the accounts.
import { createInterface } from 'node:readline';
import { loadConfig } from '../config';
import { openStore } from '../open-store';
import { createAccounts } from './accounts';
import { newAccountBody } from './auth-routes';

const USAGE = `usage:
  npm run admin -- create <username> --role admin|coordinator [--scope <location code>]
      (password from PELITA_ACCOUNT_PASSWORD, or the first line of standard input)
  npm run admin -- list`;

function flag(args: string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
}

async function readPassword(): Promise<string> {
  const env = process.env.PELITA_ACCOUNT_PASSWORD;
  if (env) return env;
  if (process.stdin.isTTY) process.stderr.write('Password (then Enter): ');
  const rl = createInterface({ input: process.stdin });
  for await (const line of rl) {
    rl.close();
    return line;
  }
  return '';
}

async function main(args: string[]): Promise<number> {
  const store = await openStore(loadConfig(process.env));
  try {
    const accounts = createAccounts(store.console);
    const [command, username] = args;
    if (command === 'list') {
      for (const a of await accounts.list())
        console.log(`${a.username}\t${a.role}\t${a.scope ?? '(everywhere)'}`);
      return 0;
    }
    if (command !== 'create' || !username) {
      console.error(USAGE);
      return 2;
    }
    const input = newAccountBody.safeParse({
      username,
      password: await readPassword(),
      role: flag(args, 'role') ?? 'coordinator',
      scope: flag(args, 'scope') ?? null,
    });
    if (!input.success) {
      for (const i of input.error.issues) console.error(`${i.path.join('.') || 'input'}: ${i.message}`);
      return 2;
    }
    const made = await accounts.create(input.data);
    if (!made.ok) {
      console.error(`${username}: ${made.error}`);
      return 1;
    }
    console.log(
      `created ${made.account.username} (${made.account.role}, ${made.account.scope ?? 'everywhere'})`,
    );
    return 0;
  } finally {
    await store.close();
  }
}

process.exitCode = await main(process.argv.slice(2));
