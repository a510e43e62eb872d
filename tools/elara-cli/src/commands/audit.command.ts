import { createAuditLog, type ChainVerification } from '@elara/audit-log/service';
import { createPool } from '@elara/db/pool';
import type { LocalDefaults } from '@elara/dev-stack/local-defaults';

type AuditEnv = Pick<LocalDefaults, 'DATABASE_URL'>;

const USAGE = 'usage: pnpm elara audit verify [--tenant <tenantId|platform>]';

/** One line per chain: `ok` or `TAMPERED`, the chain, and what was found. */
export function formatVerification(v: ChainVerification): string {
  const head = v.headSeq === null ? 'no head' : `head ${v.headSeq}`;
  if (v.ok) return `ok        ${v.chain}  ${v.events} event(s), ${head}`;
  return `TAMPERED  ${v.chain}  ${v.problem?.kind}: ${v.problem?.message} (${head})`;
}

/**
 * `elara audit verify [--tenant <id|platform>]`: walks every audit chain (or one) and prints a
 * line per chain; the exit code is 1 when any chain shows tampering. Runs as the application role:
 * the chains are listed through `list_audit_chains` and each is read in its own context.
 */
export async function auditCommand(
  env: AuditEnv,
  args: string[],
  print: (line: string) => void = console.log,
): Promise<void> {
  const [action, ...rest] = args;
  if (action !== 'verify') throw new Error(USAGE);
  let tenant: string | undefined;
  if (rest.length) {
    if (rest[0] !== '--tenant' || !rest[1] || rest.length > 2) throw new Error(USAGE);
    tenant = rest[1];
  }
  const pool = createPool({ connectionString: env.DATABASE_URL, max: 2, applicationName: 'elara-cli' });
  try {
    const auditLog = createAuditLog({ pool });
    const chains = tenant ? [tenant] : await auditLog.listChains();
    if (!chains.length) print('No audit events yet.');
    let tampered = 0;
    for (const chain of chains) {
      const result = await auditLog.verify(chain);
      print(formatVerification(result));
      if (!result.ok) tampered += 1;
    }
    if (tampered) {
      print(`${tampered} of ${chains.length} chain(s) show tampering.`);
      process.exitCode = 1;
    }
  } finally {
    await pool.end();
  }
}
