import { createSandboxServer } from './sandbox-server.ts';

/** Parses `ACxxx:token,ACyyy:token2`; a token may itself contain ':'. */
function parseAccounts(spec: string | undefined): Record<string, string> {
  const accounts: Record<string, string> = {};
  for (const entry of (spec ?? '').split(',')) {
    const colon = entry.indexOf(':');
    if (colon <= 0 || colon === entry.length - 1) {
      if (entry.trim()) throw new Error(`SANDBOX_ACCOUNTS entry must be sid:token, got "${entry}"`);
      continue;
    }
    accounts[entry.slice(0, colon).trim()] = entry.slice(colon + 1).trim();
  }
  return accounts;
}

async function main(): Promise<void> {
  const host = process.env.SANDBOX_HOST || '127.0.0.1';
  const port = Number(process.env.SANDBOX_PORT || 3100);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`invalid SANDBOX_PORT: ${port}`);
  const sandbox = createSandboxServer({ accounts: parseAccounts(process.env.SANDBOX_ACCOUNTS) });
  const { url } = await sandbox.listen(port, host);
  console.log(JSON.stringify({ level: 'info', msg: 'twilio sandbox listening', url }));
  const stop = (signal: string): void => {
    console.log(JSON.stringify({ level: 'info', msg: 'twilio sandbox stopping', signal }));
    sandbox.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((err: unknown) => {
  console.error(JSON.stringify({ level: 'error', msg: 'twilio sandbox failed', err: String(err) }));
  process.exit(1);
});
