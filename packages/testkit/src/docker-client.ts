import Docker from 'dockerode';

let client: Docker | undefined;

/** The engine at DOCKER_HOST or the default socket (dockerode reads DOCKER_HOST itself). */
export function dockerClient(): Docker {
  client ??= new Docker();
  return client;
}

/** True when the engine answers a ping within `timeoutMs`. */
export async function engineAnswers(timeoutMs = 3000): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  const ping = dockerClient()
    .ping()
    .then(() => true)
    .catch(() => false);
  try {
    return await Promise.race([ping, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
