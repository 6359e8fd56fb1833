// The secret that signs session cookies. A server on a shared database must be given a strong
// one; the embedded, single-machine mode makes one on first start and keeps it in its data dir.
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

const weakSecrets = new Set(['secret', 'changeme', 'change-me', 'password', 'attest', 'better-auth-secret']);

export function assertStrongSecret(secret: string): void {
  const distinctCharacters = new Set(secret).size;
  if (secret.length < 32 || distinctCharacters < 10 || weakSecrets.has(secret.toLowerCase())) {
    throw new Error(
      'ATTEST_SECRET is too weak: use at least 32 random characters, e.g. the output of `openssl rand -base64 48`.',
    );
  }
}

export async function resolveSecret(options: {
  configuredSecret: string | undefined;
  isEmbedded: boolean;
  dataDir: string;
}): Promise<string> {
  if (options.configuredSecret) {
    assertStrongSecret(options.configuredSecret);
    return options.configuredSecret;
  }
  if (!options.isEmbedded) {
    throw new Error(
      'Set ATTEST_SECRET to at least 32 random characters (e.g. `openssl rand -base64 48`) before starting Attest on a database server.',
    );
  }
  await mkdir(options.dataDir, { recursive: true });
  const secretPath = path.join(options.dataDir, 'session-secret');
  const existing = await readFile(secretPath, 'utf8').catch(() => undefined);
  if (existing?.trim()) return existing.trim();
  const generated = randomBytes(48).toString('base64url');
  await writeFile(secretPath, generated, { mode: 0o600, flag: 'wx' }).catch(async () => undefined);
  return (await readFile(secretPath, 'utf8')).trim();
}
