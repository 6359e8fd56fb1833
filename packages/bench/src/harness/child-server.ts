// A server in a process of its own, started by sending it its request and waiting for the
// address it listens on; stopped by a message, after which it closes what it holds and exits.
import { fork, type Serializable } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** What a child server answers once it listens. */
export interface ChildServerReply {
  url: string;
}

export interface ChildServer {
  url: string;
  pid: number;
  close(): Promise<void>;
}

/** Forks `moduleUrl`, sends it `request` and waits for its reply. */
export async function startChildServer(
  moduleUrl: URL,
  request: Serializable,
  name: string,
): Promise<ChildServer> {
  const child = fork(fileURLToPath(moduleUrl), { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const reply = await new Promise<ChildServerReply>((resolve, reject) => {
    child.once('message', (message) => resolve(message as ChildServerReply));
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`${name} exited with code ${code}.`)));
    child.send(request);
  });
  return {
    url: reply.url,
    pid: child.pid!,
    async close() {
      child.send('stop');
      await exited;
    },
  };
}
