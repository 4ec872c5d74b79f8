import type { ClientChannel } from 'ssh2';

/** A command started over SSH; its exit status is recorded from the first moment. */
export class RemoteProcess {
  exit: { code: number | null; signal: string | undefined } | undefined;

  constructor(readonly channel: ClientChannel) {
    channel.once('exit', (code: number | null, signal?: string) => {
      this.exit = { code, signal };
    });
  }
}
