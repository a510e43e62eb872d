import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import type { LocalDefaults } from '@elara/dev-stack/local-defaults';
import { sendAsWhatsAppUser } from './demo-conversation.ts';

const OPTIONS = {
  from: { type: 'string' },
  to: { type: 'string' },
  'auth-token': { type: 'string' },
  timeout: { type: 'string', default: '15' },
} as const;

function conversation(local: LocalDefaults, args: string[]) {
  const { values, positionals } = parseArgs({ args, options: OPTIONS, allowPositionals: true });
  const timeoutSeconds = Number(values.timeout);
  if (!Number.isFinite(timeoutSeconds) || timeoutSeconds <= 0)
    throw new Error('--timeout must be a positive number of seconds');
  const base = {
    from: values.from ?? local.DEMO_USER_NUMBER,
    to: values.to ?? local.DEMO_WHATSAPP_NUMBER,
    authToken: values['auth-token'] ?? local.DEMO_TWILIO_AUTH_TOKEN,
    timeoutMs: timeoutSeconds * 1_000,
  };
  return { base, positionals };
}

/** `elara send "<text>"`: one message through the real webhook; prints the reply. */
export async function sendCommand(local: LocalDefaults, args: string[]): Promise<void> {
  const { base, positionals } = conversation(local, args);
  const text = positionals.join(' ').trim();
  if (!text) throw new Error('usage: pnpm elara send "<text>" [--from +E164] [--to +E164]');
  console.log(await sendAsWhatsAppUser(local, { ...base, text }));
}

/** `elara chat`: the same, interactively, until an empty line or Ctrl-D. */
export async function chatCommand(local: LocalDefaults, args: string[]): Promise<void> {
  const { base } = conversation(local, args);
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  console.log(`Chatting as ${base.from} with ${base.to}. Forward anything suspicious; an empty line ends.`);
  try {
    for (;;) {
      const text = (await rl.question('you> ').catch(() => '')).trim();
      if (!text) break;
      const reply = await sendAsWhatsAppUser(local, { ...base, text }).catch(
        (e: Error) => `(error) ${e.message}`,
      );
      console.log(`\nelara>\n${reply}\n`);
    }
  } finally {
    rl.close();
  }
}
